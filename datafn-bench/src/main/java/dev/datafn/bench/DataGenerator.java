package dev.datafn.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;

/**
 * Fills one namespace with projects, tags and todos through plain JDBC batch inserts (not through
 * DataFn: loading is not what is measured). The data is the same for the same namespace and size on
 * every run: priority 0 to 5 (low values more common), about 30% completed, a due date on 85% of the
 * todos, every todo in one of the projects, with 0 to 3 distinct tags.
 *
 * <p>Loading is idempotent: a namespace that already holds exactly the expected rows is kept, any other
 * content of the namespace is deleted and loaded again. The tables must exist (DataFn creates them).
 */
final class DataGenerator {

    /** Projects of each namespace. */
    static final int PROJECTS = 100;

    /** Tags of each namespace. */
    static final int TAGS = 50;

    /** The instant the generated timestamps and due dates lie around, so runs are reproducible. */
    private static final Instant REFERENCE = Instant.parse("2026-01-01T00:00:00Z");

    private static final int BATCH = 1_000;
    private static final int COMMIT_EVERY = 20_000;

    private static final String[] VERBS = {"Call", "Email", "Fix", "Write", "Review", "Buy", "Plan", "Clean",
        "Book", "Prepare", "Update", "Check"};
    private static final String[] NOUNS = {"the plumber", "the report", "the budget", "groceries", "the release",
        "the garden", "the dentist", "the slides", "the invoice", "the car", "the backlog", "the trip"};
    private static final String[] WORDS = {"before", "friday", "ask", "about", "the", "new", "price", "and",
        "remember", "to", "bring", "notes", "from", "last", "meeting", "quickly"};

    private final BenchOptions options;

    /** @param options where the database is */
    DataGenerator(BenchOptions options) {
        this.options = options;
    }

    /**
     * Makes sure a namespace holds the generated data set of the given size.
     *
     * @param namespace the namespace
     * @param todos     the number of todos
     * @param withIds   whether to read back the todo ids (the record scenarios pick from them)
     * @return what the namespace holds
     * @throws SQLException when the database fails
     */
    Dataset ensure(String namespace, int todos, boolean withIds) throws SQLException {
        try (Connection c = connect()) {
            if (count(c, "todos", namespace) != todos || count(c, "projects", namespace) != PROJECTS
                    || count(c, "tags", namespace) != TAGS) {
                long started = System.nanoTime();
                System.out.printf("loading %,d todos into namespace '%s' ...%n", todos, namespace);
                c.setAutoCommit(false);
                for (String table : List.of("todos_tags", "todos", "projects", "tags")) {
                    try (PreparedStatement delete = c.prepareStatement("DELETE FROM " + table + " WHERE namespace = ?")) {
                        delete.setString(1, namespace);
                        delete.executeUpdate();
                    }
                }
                c.commit();
                load(c, namespace, todos);
                c.setAutoCommit(true);
                analyze(c);
                System.out.printf("loaded in %.1f s%n", (System.nanoTime() - started) / 1e9);
            }
            return new Dataset(namespace, todos, withIds ? ids(c, "todos", namespace) : List.of(),
                    ids(c, "projects", namespace));
        }
    }

    private Connection connect() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", options.user());
        props.setProperty("password", options.password());
        if (options.postgres()) {
            // Lets the driver send each batch as multi-row INSERTs.
            props.setProperty("reWriteBatchedInserts", "true");
        }
        return DriverManager.getConnection(options.jdbcUrl(), props);
    }

    private void load(Connection c, String namespace, int todos) throws SQLException {
        Random random = new Random(namespace.hashCode());
        List<String> projects = new ArrayList<>();
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO projects (namespace, id, name, color, archived) VALUES (?, ?, ?, ?, ?)")) {
            for (int i = 0; i < PROJECTS; i++) {
                String id = TodoIds.next("pj", REFERENCE.minusSeconds(400L * 86_400 - i).toEpochMilli(), random);
                projects.add(id);
                insert.setString(1, namespace);
                insert.setString(2, id);
                insert.setString(3, "Project %03d".formatted(i + 1));
                insert.setString(4, "#%06x".formatted(random.nextInt(0x1000000)));
                insert.setBoolean(5, i % 10 == 9);
                insert.addBatch();
            }
            insert.executeBatch();
        }
        List<String> tags = new ArrayList<>();
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO tags (namespace, id, name) VALUES (?, ?, ?)")) {
            for (int i = 0; i < TAGS; i++) {
                String id = TodoIds.next("tg", REFERENCE.minusSeconds(400L * 86_400 - i).toEpochMilli(), random);
                tags.add(id);
                insert.setString(1, namespace);
                insert.setString(2, id);
                insert.setString(3, "tag-%02d".formatted(i + 1));
                insert.addBatch();
            }
            insert.executeBatch();
        }
        c.commit();
        // Links go in after every todo: PostgreSQL plans the link table's foreign-key check once per
        // connection, and a plan made while the todo table looked empty scans it for every link.
        List<String[]> links = new ArrayList<>();
        try (PreparedStatement todo = c.prepareStatement("INSERT INTO todos (namespace, id, title, completed, priority,"
                + " due_date, notes, project_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            long spanSeconds = 365L * 86_400;
            for (int i = 0; i < todos; i++) {
                // Creation times grow with i, so ids (which start with the time) sort like creation.
                Instant created = REFERENCE.minusSeconds(spanSeconds - spanSeconds * i / todos);
                Instant updated = created.plusSeconds(random.nextInt(30 * 86_400));
                String id = TodoIds.next("td", created.toEpochMilli(), random);
                todo.setString(1, namespace);
                todo.setString(2, id);
                todo.setString(3, VERBS[random.nextInt(VERBS.length)] + " " + NOUNS[random.nextInt(NOUNS.length)]
                        + " #" + (i + 1));
                todo.setBoolean(4, random.nextInt(10) < 3);
                todo.setInt(5, priority(random));
                if (random.nextInt(100) < 85) {
                    todo.setObject(6, LocalDate.of(2026, 1, 1).plusDays(random.nextInt(365) - 180));
                } else {
                    todo.setNull(6, Types.DATE);
                }
                todo.setString(7, random.nextInt(10) < 4 ? notes(random) : null);
                todo.setString(8, projects.get(random.nextInt(projects.size())));
                todo.setObject(9, OffsetDateTime.ofInstant(created, ZoneOffset.UTC));
                todo.setObject(10, OffsetDateTime.ofInstant(updated, ZoneOffset.UTC));
                todo.addBatch();
                int tagCount = random.nextInt(4);
                int first = random.nextInt(tags.size());
                for (int t = 0; t < tagCount; t++) {
                    links.add(new String[] {id, tags.get((first + t * 7) % tags.size())});
                }
                if ((i + 1) % BATCH == 0 || i + 1 == todos) {
                    todo.executeBatch();
                }
                if ((i + 1) % COMMIT_EVERY == 0) {
                    c.commit();
                }
            }
        }
        c.commit();
        if (options.postgres()) {
            try (Statement s = c.createStatement()) {
                s.execute("ANALYZE todos");
            }
        }
        try (PreparedStatement link = c.prepareStatement(
                "INSERT INTO todos_tags (namespace, todos_id, tags_id) VALUES (?, ?, ?)")) {
            for (int i = 0; i < links.size(); i++) {
                link.setString(1, namespace);
                link.setString(2, links.get(i)[0]);
                link.setString(3, links.get(i)[1]);
                link.addBatch();
                if ((i + 1) % BATCH == 0 || i + 1 == links.size()) {
                    link.executeBatch();
                }
                if ((i + 1) % COMMIT_EVERY == 0) {
                    c.commit();
                }
            }
        }
        c.commit();
    }

    /** 0 to 5, low values more common: 25% 0, 25% 1, 20% 2, 15% 3, 10% 4, 5% 5. */
    private static int priority(Random random) {
        int p = random.nextInt(100);
        return p < 25 ? 0 : p < 50 ? 1 : p < 70 ? 2 : p < 85 ? 3 : p < 95 ? 4 : 5;
    }

    private static String notes(Random random) {
        StringBuilder out = new StringBuilder();
        int words = 3 + random.nextInt(30);
        for (int w = 0; w < words; w++) {
            out.append(w == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
        }
        return out.toString();
    }

    /**
     * Makes sure a namespace holds a history of writes: as many idempotency records and change records
     * as the given number, and its counter. A server that has taken writes for a while has such tables,
     * and the write scenarios should find them so: their key lookups then go by index from the first
     * write, rather than being planned for an empty table (and kept so while it grows, since nothing
     * re-analyzes it during a run). Idempotent like {@link #ensure}.
     *
     * @param namespace the namespace
     * @param entries   the writes
     * @throws SQLException when the database fails
     */
    void ensureHistory(String namespace, int entries) throws SQLException {
        try (Connection c = connect()) {
            if (count(c, "datafn_changes", namespace) == entries
                    && count(c, "datafn_idempotency", namespace) == entries) {
                return;
            }
            long started = System.nanoTime();
            System.out.printf("loading a history of %,d writes into namespace '%s' ...%n", entries, namespace);
            c.setAutoCommit(false);
            for (String table : List.of("datafn_changes", "datafn_idempotency", "datafn_sequences")) {
                try (PreparedStatement delete = c.prepareStatement("DELETE FROM " + table + " WHERE namespace = ?")) {
                    delete.setString(1, namespace);
                    delete.executeUpdate();
                }
            }
            Random random = new Random(namespace.hashCode());
            try (PreparedStatement key = c.prepareStatement("INSERT INTO datafn_idempotency (namespace, client_id,"
                    + " mutation_id, request_hash, result, created_at) VALUES (?, ?, ?, ?, ?, ?)");
                    PreparedStatement change = c.prepareStatement("INSERT INTO datafn_changes (namespace, server_seq,"
                            + " resource, record_id, op, data, client_id, mutation_id, created_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                long spanSeconds = 365L * 86_400;
                for (int i = 1; i <= entries; i++) {
                    Instant at = REFERENCE.minusSeconds(spanSeconds - spanSeconds * i / entries);
                    OffsetDateTime time = OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
                    String id = TodoIds.next("td", at.toEpochMilli(), random);
                    String client = "history-" + (i % 100);
                    String mutation = "h-" + i;
                    key.setString(1, namespace);
                    key.setString(2, client);
                    key.setString(3, mutation);
                    key.setString(4, "%064x".formatted(random.nextLong() & Long.MAX_VALUE));
                    key.setString(5, ("{\"ok\":true,\"mutationId\":\"%s\",\"affectedIds\":[\"%s\"],\"errors\":[],"
                            + "\"deduped\":false,\"serverSeq\":%d}").formatted(mutation, id, i));
                    key.setObject(6, time);
                    key.addBatch();
                    change.setString(1, namespace);
                    change.setLong(2, i);
                    change.setString(3, "todos");
                    change.setString(4, id);
                    change.setString(5, "insert");
                    change.setString(6, "{\"id\":\"%s\",\"title\":\"%s #%d\",\"completed\":false,\"priority\":%d}"
                            .formatted(id, VERBS[random.nextInt(VERBS.length)], i, priority(random)));
                    change.setString(7, client);
                    change.setString(8, mutation);
                    change.setObject(9, time);
                    change.addBatch();
                    if (i % BATCH == 0 || i == entries) {
                        key.executeBatch();
                        change.executeBatch();
                    }
                    if (i % COMMIT_EVERY == 0) {
                        c.commit();
                    }
                }
            }
            try (PreparedStatement counter = c.prepareStatement(
                    "INSERT INTO datafn_sequences (namespace, last_value) VALUES (?, ?)")) {
                counter.setString(1, namespace);
                counter.setLong(2, entries);
                counter.executeUpdate();
            }
            c.commit();
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                s.execute(options.postgres() ? "VACUUM ANALYZE datafn_changes, datafn_idempotency, datafn_sequences"
                        : "ANALYZE");
            }
            System.out.printf("loaded in %.1f s%n", (System.nanoTime() - started) / 1e9);
        }
    }

    /**
     * Records a namespace's loaded data as a server whose change log was pruned has it: its counter (1 when
     * it has none) and a horizon pruned through it. The loader writes no change records, so without this the
     * search index, which follows the change log, would never hear of the loaded todos; with it, the
     * namespace's first search indexes the whole namespace, as after a prune. Idempotent.
     *
     * @param namespace the namespace
     * @throws SQLException when the database fails
     */
    void recordAsPruned(String namespace) throws SQLException {
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            long counter = 1;
            try (PreparedStatement read = c.prepareStatement(
                    "SELECT last_value FROM datafn_sequences WHERE namespace = ?")) {
                read.setString(1, namespace);
                try (ResultSet rs = read.executeQuery()) {
                    if (rs.next()) {
                        counter = rs.getLong(1);
                    } else {
                        try (PreparedStatement insert = c.prepareStatement(
                                "INSERT INTO datafn_sequences (namespace, last_value) VALUES (?, ?)")) {
                            insert.setString(1, namespace);
                            insert.setLong(2, counter);
                            insert.executeUpdate();
                        }
                    }
                }
            }
            try (PreparedStatement delete = c.prepareStatement(
                    "DELETE FROM datafn_change_horizon WHERE namespace = ?");
                    PreparedStatement insert = c.prepareStatement(
                            "INSERT INTO datafn_change_horizon (namespace, pruned_through) VALUES (?, ?)")) {
                delete.setString(1, namespace);
                delete.executeUpdate();
                insert.setString(1, namespace);
                insert.setLong(2, counter);
                insert.executeUpdate();
            }
            c.commit();
        }
    }

    private void analyze(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            if (options.postgres()) {
                // VACUUM also sets the visibility map and hint bits, so the first measured reads do not write.
                for (String table : List.of("todos", "todos_tags", "projects", "tags")) {
                    s.execute("VACUUM ANALYZE " + table);
                }
            } else {
                s.execute("ANALYZE");
            }
        }
    }

    private static long count(Connection c, String table, String namespace) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM " + table + " WHERE namespace = ?")) {
            s.setString(1, namespace);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static List<String> ids(Connection c, String table, String namespace) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT id FROM " + table + " WHERE namespace = ? ORDER BY id")) {
            s.setString(1, namespace);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return List.copyOf(out);
    }

    /**
     * What one namespace holds.
     *
     * @param namespace  the namespace
     * @param todos      its number of todos
     * @param todoIds    its todo ids, ascending, when asked for (else empty)
     * @param projectIds its project ids, ascending
     */
    record Dataset(String namespace, int todos, List<String> todoIds, List<String> projectIds) {
    }
}
