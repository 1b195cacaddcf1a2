package dev.datafn.example.todo;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What PostgreSQL's {@code EXPLAIN (FORMAT JSON)} of one statement says about indexes: the plan in one line, the
 * indexes it reads, and what it does that an index would spare: sorting rows, or reading a whole table.
 *
 * @param outline  the plan's nodes, outermost first, e.g. {@code Limit > Index Scan using todos_id_idx on todos}
 * @param indexes  the indexes the plan reads
 * @param problems each sort and each scan of a whole table, e.g. {@code sorts ~4,000 rows by t1_0.title, t1_0.id}
 */
record PostgresPlan(String outline, List<String> indexes, List<String> problems) {

    /** Copies the lists. */
    PostgresPlan {
        indexes = List.copyOf(indexes);
        problems = List.copyOf(problems);
    }

    /**
     * @param explained the single row of {@code EXPLAIN (FORMAT JSON)}: an array holding one {@code {"Plan": ...}}
     * @return what the plan says
     */
    static PostgresPlan of(JsonNode explained) {
        List<String> nodes = new ArrayList<>();
        List<String> indexes = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        walk(explained.path(0).path("Plan"), nodes, indexes, problems);
        return new PostgresPlan(outline(nodes), indexes, problems);
    }

    /** @return whether the plan neither sorts nor reads a whole table */
    boolean servedByIndex() {
        return problems.isEmpty();
    }

    private static void walk(JsonNode node, List<String> nodes, List<String> indexes, List<String> problems) {
        if (node.isMissingNode()) {
            return;
        }
        String type = node.path("Node Type").asText();
        String relation = node.path("Relation Name").asText("");
        String index = node.path("Index Name").asText("");
        StringBuilder shown = new StringBuilder(type);
        if (!index.isEmpty()) {
            shown.append(" using ").append(index);
            indexes.add(index);
        }
        if (!relation.isEmpty()) {
            shown.append(" on ").append(relation);
        }
        nodes.add(shown.toString());
        switch (type) {
            case "Seq Scan" -> problems.add(String.format(Locale.ROOT, "reads every row of %s (Seq Scan, ~%,d rows "
                    + "kept)", relation, node.path("Plan Rows").asLong()));
            case "Sort", "Incremental Sort" -> problems.add(String.format(Locale.ROOT, "sorts ~%,d rows by %s (%s)",
                    rowsBelow(node), keys(node.path("Sort Key")), type));
            default -> {
            }
        }
        for (JsonNode child : node.path("Plans")) {
            walk(child, nodes, indexes, problems);
        }
    }

    /** The nodes joined by {@code >}, a run of equal ones (an OR of index scans) shown once with its count. */
    private static String outline(List<String> nodes) {
        List<String> shown = new ArrayList<>();
        for (int i = 0; i < nodes.size(); ) {
            int run = 1;
            while (i + run < nodes.size() && nodes.get(i + run).equals(nodes.get(i))) {
                run++;
            }
            shown.add(run == 1 ? nodes.get(i) : nodes.get(i) + " x" + run);
            i += run;
        }
        return String.join(" > ", shown);
    }

    /** The rows a node's input produces: what a sort has to order before it can hand out the first. */
    private static long rowsBelow(JsonNode node) {
        JsonNode input = node.path("Plans").path(0);
        return input.isMissingNode() ? node.path("Plan Rows").asLong() : input.path("Plan Rows").asLong();
    }

    private static String keys(JsonNode keys) {
        List<String> out = new ArrayList<>();
        keys.forEach(k -> out.add(k.asText()));
        return String.join(", ", out);
    }
}
