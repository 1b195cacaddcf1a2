package dev.datafn.example.todo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datafn.json.Json;
import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Plausible sample records for {@code seed}: projects, tags, and todos that belong to them, each an insert
 * mutation. Record {@code i} of a resource depends only on the seed and {@code i} (a todo also on how many
 * projects and tags it may refer to), so the same seed makes the same records however many todos are asked,
 * and its ids ({@code td_s<seed>_<i>}) and idempotency keys (client {@code seed-<seed>}, mutation
 * {@code <resource>-<i>}) make a second run with that seed change nothing.
 */
final class SampleData {

    private static final List<String> PROJECTS = List.of("Home", "Garden", "Work", "Taxes", "Holiday", "Fitness",
            "Reading list", "Car", "Birthday party", "Kitchen renovation", "Side project", "Moving house");
    private static final List<String> COLORS = List.of("#e53935", "#8e24aa", "#1e88e5", "#43a047", "#fdd835",
            "#fb8c00", "#6d4c41", "#546e7a");
    private static final List<String> TAGS = List.of("urgent", "errand", "phone", "email", "waiting", "someday",
            "shopping", "weekend", "quick", "focus", "family", "money");
    private static final List<String> VERBS = List.of("Buy", "Call", "Fix", "Clean", "Book", "Plan", "Write",
            "Read", "Pay", "Order", "Check", "Return", "Email", "Review", "Paint", "Renew");
    private static final List<String> THINGS = List.of("milk", "the plumber", "the bike's brakes", "the gutters",
            "train tickets", "the weekend trip", "a thank-you note", "chapter 3", "the electricity bill",
            "new shelves", "the tyre pressure", "library books", "the dentist", "the quarterly report",
            "the fence", "the passport");
    private static final List<String> NOTES = List.of("Before Friday.", "Ask about the discount.",
            "See the email from last week.", "Needs two people.", "Keep the receipt.");

    /** The due dates spread around this day, fixed so that a seed always makes the same records. */
    private static final LocalDate AROUND = LocalDate.of(2026, 6, 1);

    private final long seed;

    /** @param seed what makes the records: the same seed, the same records */
    SampleData(long seed) {
        this.seed = seed;
    }

    /** @param i the project's number, from 0 @return the insert of project {@code i} */
    ObjectNode project(int i) {
        SplittableRandom random = random(1, i);
        ObjectNode record = Json.object();
        record.put("id", id("pj", i));
        // Names are unique in a namespace: the number keeps them so.
        record.put("name", pick(random, PROJECTS) + " " + (i + 1));
        record.put("color", pick(random, COLORS));
        record.put("archived", random.nextInt(10) == 0);
        return insert("projects", i, record);
    }

    /** @param i the tag's number, from 0 @return the insert of tag {@code i} */
    ObjectNode tag(int i) {
        ObjectNode record = Json.object();
        record.put("id", id("tg", i));
        record.put("name", TAGS.get(i % TAGS.size()) + (i < TAGS.size() ? "" : "-" + (i / TAGS.size() + 1)));
        return insert("tags", i, record);
    }

    /**
     * @param i        the todo's number, from 0
     * @param projects how many projects there are to belong to
     * @param tags     how many tags there are to carry
     * @return the insert of todo {@code i}
     */
    ObjectNode todo(int i, int projects, int tags) {
        SplittableRandom random = random(3, i);
        ObjectNode record = Json.object();
        record.put("id", id("td", i));
        record.put("title", pick(random, VERBS) + " " + pick(random, THINGS));
        record.put("completed", random.nextInt(10) < 3);
        record.put("priority", random.nextInt(6));
        if (random.nextInt(4) != 0) {
            record.put("dueDate", AROUND.plusDays(random.nextInt(-60, 120)).toString());
        }
        if (random.nextInt(5) == 0) {
            record.put("notes", pick(random, NOTES));
        }
        if (projects > 0 && random.nextInt(5) != 0) {
            record.put("projectId", id("pj", random.nextInt(projects)));
        }
        ArrayNode carried = record.putArray("tags");
        TreeSet<Integer> chosen = new TreeSet<>();
        int count = tags == 0 ? 0 : random.nextInt(Math.min(3, tags) + 1);
        while (chosen.size() < count) {
            chosen.add(random.nextInt(tags));
        }
        chosen.forEach(t -> carried.add(id("tg", t)));
        return insert("todos", i, record);
    }

    private SplittableRandom random(int resource, int i) {
        // Record i's own stream: the records do not depend on how many others are made before them.
        return new SplittableRandom(seed * 1_000_003L + resource * 0x9E3779B97F4A7C15L + i);
    }

    private String id(String prefix, int i) {
        return prefix + "_s" + seed + "_" + i;
    }

    private ObjectNode insert(String resource, int i, ObjectNode record) {
        ObjectNode mutation = Json.object();
        mutation.put("resource", resource);
        mutation.put("version", 1);
        mutation.put("operation", "insert");
        mutation.put("clientId", "seed-" + seed);
        mutation.put("mutationId", resource + "-" + i);
        mutation.set("record", record);
        return mutation;
    }

    private static String pick(SplittableRandom random, List<String> words) {
        return words.get(random.nextInt(words.size()));
    }
}
