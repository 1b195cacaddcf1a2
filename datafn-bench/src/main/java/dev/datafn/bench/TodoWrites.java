package dev.datafn.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The baseline's writes: an idempotent todo insert with a change log entry, as a developer writes it by
 * hand in plain JDBC, into DataFn's own tables so both sides write the same rows. One transaction per
 * insert (or per batch) in this order:
 *
 * <ol>
 * <li>claim the idempotency key: {@code INSERT} into {@code datafn_idempotency} (a retry of a key
 *     already applied fails here on the primary key and answers the stored result instead);</li>
 * <li>{@code INSERT} the todo;</li>
 * <li>advance the namespace's counter row in {@code datafn_sequences} with one statement that locks it
 *     and answers the new value ({@code UPDATE ... RETURNING} on PostgreSQL, {@code SELECT ... FROM FINAL
 *     TABLE (UPDATE ...)} on H2): last, so writers of a namespace hold the lock only for the tail of
 *     their transaction, and commit in serverSeq order;</li>
 * <li>{@code INSERT} the change record with that serverSeq into {@code datafn_changes};</li>
 * <li>{@code UPDATE} the idempotency row with the result, whose serverSeq is only known now.</li>
 * </ol>
 *
 * A batch does the same with JDBC batches: one statement execution per step for all its records.
 */
final class TodoWrites {

    /** The resource name written to the change log. */
    static final String RESOURCE = "todos";

    /** The tables the writes fill. */
    private static final List<String> TABLES = List.of("todos_tags", "todos", "datafn_changes",
            "datafn_idempotency", "datafn_sequences");

    /** The SQLState of a unique or primary key violation, in PostgreSQL and H2 alike. */
    private static final String UNIQUE_VIOLATION = "23505";

    private static final String CLAIM = "INSERT INTO datafn_idempotency (namespace, client_id, mutation_id,"
            + " request_hash, created_at) VALUES (?, ?, ?, ?, ?)";
    private static final String INSERT_TODO = "INSERT INTO todos (namespace, id, title, completed, priority, due_date,"
            + " notes, project_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String ADVANCE_COUNTER_POSTGRES = "UPDATE datafn_sequences SET last_value = last_value + ?"
            + " WHERE namespace = ? RETURNING last_value";
    private static final String ADVANCE_COUNTER_H2 = "SELECT last_value FROM FINAL TABLE (UPDATE datafn_sequences"
            + " SET last_value = last_value + ? WHERE namespace = ?)";
    private static final String INSERT_CHANGE = "INSERT INTO datafn_changes (namespace, server_seq, resource,"
            + " record_id, op, data, actor, client_id, mutation_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String STORE_RESULT = "UPDATE datafn_idempotency SET result = ?"
            + " WHERE namespace = ? AND client_id = ? AND mutation_id = ?";
    private static final String READ_RESULT = "SELECT request_hash, result FROM datafn_idempotency"
            + " WHERE namespace = ? AND client_id = ? AND mutation_id = ?";

    private final DataSource dataSource;
    private final ObjectMapper json;
    private final String advanceCounter;
    private final boolean postgres;

    /**
     * @param dataSource the baseline's pool
     * @param json       writes the change data and results
     * @param postgres   whether the database is PostgreSQL (else H2)
     */
    TodoWrites(DataSource dataSource, ObjectMapper json, boolean postgres) {
        this.dataSource = dataSource;
        this.json = json;
        this.advanceCounter = postgres ? ADVANCE_COUNTER_POSTGRES : ADVANCE_COUNTER_H2;
        this.postgres = postgres;
    }

    /**
     * A checked insert.
     *
     * @param clientId    the idempotency client id, or {@code null} with {@code mutationId}
     * @param mutationId  the idempotency mutation id
     * @param requestHash the hash of the request, to tell a retry from a reuse of its key
     * @param todo        the todo to insert, with its id
     */
    record Insert(String clientId, String mutationId, String requestHash, NewTodo todo) {
        boolean idempotent() {
            return clientId != null;
        }
    }

    /**
     * A todo as a client sends it, defaults applied.
     *
     * @param id        the id
     * @param title     the title
     * @param completed whether done
     * @param priority  0 to 5
     * @param dueDate   the due date, or {@code null}
     * @param notes     the notes, or {@code null}
     * @param projectId the project, or {@code null}
     */
    record NewTodo(String id, String title, boolean completed, int priority, LocalDate dueDate, String notes,
            String projectId) {
    }

    /**
     * What an insert answers.
     *
     * @param mutationId the mutation id, or {@code null}
     * @param id         the todo's id
     * @param serverSeq  the serverSeq of its change
     * @param deduped    whether the key was applied before (the stored result answers)
     */
    record Outcome(String mutationId, String id, long serverSeq, boolean deduped) {
    }

    /** The key was used before for a different request. */
    static final class KeyReused extends Exception {
        private static final long serialVersionUID = 1L;

        KeyReused(String mutationId) {
            super("mutationId '" + mutationId + "' was already used for a different mutation");
        }
    }

    /** A todo with the id already exists. */
    static final class DuplicateId extends Exception {
        private static final long serialVersionUID = 1L;

        DuplicateId(String id) {
            super("a 'todos' record with id '" + id + "' already exists");
        }
    }

    /**
     * Inserts one todo in its own transaction.
     *
     * @param namespace the namespace
     * @param insert    the insert
     * @return the outcome
     * @throws SQLException when the database fails
     * @throws KeyReused   when the key names another request
     * @throws DuplicateId when the id is taken
     */
    Outcome insert(String namespace, Insert insert) throws SQLException, KeyReused, DuplicateId {
        return insertAll(namespace, List.of(insert)).getFirst();
    }

    /**
     * Inserts todos in one transaction, each step one JDBC batch. When one of the keys was applied
     * before, applies the todos one by one instead, so each retry answers its stored result.
     *
     * @param namespace the namespace
     * @param inserts   the inserts, in order
     * @return their outcomes, in order
     * @throws SQLException when the database fails
     * @throws KeyReused   when a key names another request
     * @throws DuplicateId when an id is taken
     */
    List<Outcome> insertAll(String namespace, List<Insert> inserts) throws SQLException, KeyReused, DuplicateId {
        while (true) {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                try {
                    List<Outcome> outcomes = write(c, namespace, inserts);
                    if (outcomes != null) {
                        c.commit();
                        return outcomes;
                    }
                    c.rollback();
                } catch (SQLException e) {
                    c.rollback();
                    if (!isUniqueViolation(e)) {
                        throw e;
                    }
                    if (inserts.size() > 1) {
                        List<Outcome> outcomes = new ArrayList<>();
                        for (Insert i : inserts) {
                            outcomes.add(insert(namespace, i));
                        }
                        return outcomes;
                    }
                    Insert only = inserts.getFirst();
                    Outcome earlier = only.idempotent() ? replay(c, namespace, only) : null;
                    if (earlier == null) {
                        throw new DuplicateId(only.todo().id());
                    }
                    return List.of(earlier);
                } finally {
                    c.setAutoCommit(true);
                }
            }
            // The namespace had no counter row (its first write): create it, then write again.
            createCounter(namespace);
        }
    }

    /** The transaction's statements; {@code null} when the namespace has no counter row yet. */
    private List<Outcome> write(Connection c, String namespace, List<Insert> inserts) throws SQLException {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        OffsetDateTime stamp = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        List<Insert> keyed = inserts.stream().filter(Insert::idempotent).toList();
        if (!keyed.isEmpty()) {
            try (PreparedStatement claim = c.prepareStatement(CLAIM)) {
                for (Insert i : keyed) {
                    claim.setString(1, namespace);
                    claim.setString(2, i.clientId());
                    claim.setString(3, i.mutationId());
                    claim.setString(4, i.requestHash());
                    claim.setObject(5, stamp);
                    add(claim, keyed.size());
                }
                execute(claim, keyed.size());
            }
        }
        try (PreparedStatement todo = c.prepareStatement(INSERT_TODO)) {
            for (Insert i : inserts) {
                NewTodo t = i.todo();
                todo.setString(1, namespace);
                todo.setString(2, t.id());
                todo.setString(3, t.title());
                todo.setBoolean(4, t.completed());
                todo.setInt(5, t.priority());
                todo.setObject(6, t.dueDate(), Types.DATE);
                todo.setString(7, t.notes());
                todo.setString(8, t.projectId());
                todo.setObject(9, stamp);
                todo.setObject(10, stamp);
                add(todo, inserts.size());
            }
            execute(todo, inserts.size());
        }
        long first;
        try (PreparedStatement advance = c.prepareStatement(advanceCounter)) {
            advance.setLong(1, inserts.size());
            advance.setString(2, namespace);
            try (ResultSet rs = advance.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                first = rs.getLong(1) - inserts.size() + 1;
            }
        }
        List<Outcome> outcomes = new ArrayList<>();
        try (PreparedStatement change = c.prepareStatement(INSERT_CHANGE)) {
            long seq = first;
            for (Insert i : inserts) {
                NewTodo t = i.todo();
                change.setString(1, namespace);
                change.setLong(2, seq);
                change.setString(3, RESOURCE);
                change.setString(4, t.id());
                change.setString(5, "insert");
                change.setString(6, changeData(t, now));
                change.setString(7, null);
                change.setString(8, i.clientId());
                change.setString(9, i.mutationId());
                change.setObject(10, stamp);
                add(change, inserts.size());
                outcomes.add(new Outcome(i.mutationId(), t.id(), seq, false));
                seq++;
            }
            execute(change, inserts.size());
        }
        if (!keyed.isEmpty()) {
            try (PreparedStatement store = c.prepareStatement(STORE_RESULT)) {
                for (int n = 0; n < inserts.size(); n++) {
                    Insert i = inserts.get(n);
                    if (i.idempotent()) {
                        store.setString(1, resultJson(outcomes.get(n)));
                        store.setString(2, namespace);
                        store.setString(3, i.clientId());
                        store.setString(4, i.mutationId());
                        add(store, keyed.size());
                    }
                }
                execute(store, keyed.size());
            }
        }
        return outcomes;
    }

    /** Batches a statement when there are several rows; a single row runs as a plain statement. */
    private static void add(PreparedStatement s, int rows) throws SQLException {
        if (rows > 1) {
            s.addBatch();
        }
    }

    private static void execute(PreparedStatement s, int rows) throws SQLException {
        if (rows > 1) {
            s.executeBatch();
        } else {
            s.executeUpdate();
        }
    }

    /** The stored result of an applied key; {@code null} when there is none (the id was the conflict). */
    private Outcome replay(Connection c, String namespace, Insert insert) throws SQLException, KeyReused {
        try (PreparedStatement read = c.prepareStatement(READ_RESULT)) {
            read.setString(1, namespace);
            read.setString(2, insert.clientId());
            read.setString(3, insert.mutationId());
            try (ResultSet rs = read.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                if (!rs.getString(1).equals(insert.requestHash())) {
                    throw new KeyReused(insert.mutationId());
                }
                var stored = json.readTree(rs.getString(2));
                return new Outcome(insert.mutationId(), stored.get("affectedIds").get(0).textValue(),
                        stored.get("serverSeq").longValue(), true);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("a stored result is not JSON", e);
            } finally {
                c.commit();
            }
        }
    }

    /** Creates a namespace's counter row in its own transaction; a concurrent creator may win. */
    void createCounter(String namespace) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "INSERT INTO datafn_sequences (namespace, last_value) VALUES (?, 0)")) {
            s.setString(1, namespace);
            s.executeUpdate();
        } catch (SQLException e) {
            if (!isUniqueViolation(e)) {
                throw e;
            }
        }
    }

    /**
     * Deletes everything the writes left in namespaces starting with a prefix (todos, change log,
     * idempotency records, counters), then lets the database clean up and re-plan the tables. The read
     * scenarios share the todo table: a keyset page at the end of the read namespace would otherwise
     * walk the primary key through every id written since, and every run starts from the same tables.
     *
     * @param prefix the namespaces' prefix
     * @throws SQLException when the database fails
     */
    void clear(String prefix) throws SQLException {
        // Statistics that do not know how large the namespaces are make PostgreSQL check the foreign key
        // of every deleted todo by reading its whole namespace (see Bench#analyzeBefore).
        analyze();
        long deleted = 0;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            for (String table : TABLES) {
                try (PreparedStatement delete = c.prepareStatement("DELETE FROM " + table + " WHERE namespace LIKE ?")) {
                    delete.setString(1, prefix + "%");
                    deleted += delete.executeUpdate();
                }
            }
            c.commit();
            c.setAutoCommit(true);
            if (deleted > 0) {
                try (Statement s = c.createStatement()) {
                    // Drops the deleted rows from the indexes too, so no scan has to step over them: left to
                    // itself, VACUUM skips index cleanup when under 2% of a table's pages hold dead rows.
                    s.execute(postgres ? "VACUUM (ANALYZE, INDEX_CLEANUP ON) " + String.join(", ", TABLES)
                            : "ANALYZE");
                }
            }
        }
    }

    /**
     * Updates the planner's statistics of the tables the writes fill.
     *
     * @throws SQLException when the database fails
     */
    void analyze() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(postgres ? "ANALYZE " + String.join(", ", TABLES) : "ANALYZE");
        }
    }

    /** The change record's data: the todo as stored, every field, in DataFn's record shape. */
    private String changeData(NewTodo t, Instant now) {
        ObjectNode data = json.createObjectNode();
        data.put("id", t.id());
        data.put("title", t.title());
        data.put("completed", t.completed());
        data.put("priority", t.priority());
        data.put("dueDate", t.dueDate() == null ? null : t.dueDate().toString());
        data.put("notes", t.notes());
        data.put("projectId", t.projectId());
        data.putArray("tags");
        data.put("createdAt", now.toString());
        data.put("updatedAt", now.toString());
        return data.toString();
    }

    /**
     * @param outcome an insert's outcome
     * @return the result as the endpoint answers it and the idempotency row stores it
     */
    ObjectNode result(Outcome outcome) {
        ObjectNode out = json.createObjectNode();
        out.put("ok", true);
        out.put("mutationId", outcome.mutationId());
        out.putArray("affectedIds").add(outcome.id());
        out.putArray("errors");
        out.put("deduped", outcome.deduped());
        out.put("serverSeq", outcome.serverSeq());
        return out;
    }

    private String resultJson(Outcome outcome) {
        return result(outcome).toString();
    }

    private static boolean isUniqueViolation(SQLException e) {
        for (SQLException s = e; s != null; s = s.getNextException()) {
            if (UNIQUE_VIOLATION.equals(s.getSQLState())) {
                return true;
            }
            if (s.getCause() instanceof SQLException cause && UNIQUE_VIOLATION.equals(cause.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
