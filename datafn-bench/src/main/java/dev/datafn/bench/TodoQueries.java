package dev.datafn.bench;

import dev.datafn.example.todo.Todo;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The baseline's data access: the SQL a developer writes by hand for each endpoint, plain JDBC over a
 * pooled data source in auto-commit mode. Each record query reads one page of todos, then the tag ids
 * of that page in one more statement.
 */
final class TodoQueries {

    /** The todo columns every record query reads, in the order {@link #todo} maps them. */
    static final String COLUMNS =
            "SELECT id, title, completed, priority, due_date, notes, project_id, created_at, updated_at FROM todos ";

    private final DataSource dataSource;

    /** @param dataSource the baseline's own pool */
    TodoQueries(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * @param namespace the namespace
     * @param id        a todo id
     * @return the todo, or none
     * @throws SQLException when the database fails
     */
    List<Todo> byId(String namespace, String id) throws SQLException {
        return todos(COLUMNS + "WHERE namespace = ? AND id = ?", namespace, id);
    }

    /**
     * The open todos from a priority on, soonest due first (undated first), id as tiebreaker.
     *
     * @param namespace   the namespace
     * @param projectId   only this project's, or {@code null} for all
     * @param minPriority the lowest priority
     * @param limit       the rows to read
     * @return the todos
     * @throws SQLException when the database fails
     */
    List<Todo> open(String namespace, String projectId, int minPriority, int limit) throws SQLException {
        String order = " ORDER BY due_date ASC NULLS LAST, id LIMIT ?";
        return projectId == null
                ? todos(COLUMNS + "WHERE namespace = ? AND completed = FALSE AND priority >= ?" + order,
                        namespace, minPriority, limit)
                : todos(COLUMNS + "WHERE namespace = ? AND project_id = ? AND completed = FALSE AND priority >= ?"
                        + order, namespace, projectId, minPriority, limit);
    }

    /**
     * A page in id order, after an id (keyset) or from the start.
     *
     * @param namespace the namespace
     * @param afterId   the last id of the previous page, or {@code null} for the first page
     * @param limit     the rows to read
     * @return the todos
     * @throws SQLException when the database fails
     */
    List<Todo> afterId(String namespace, String afterId, int limit) throws SQLException {
        return afterId == null
                ? todos(COLUMNS + "WHERE namespace = ? ORDER BY id LIMIT ?", namespace, limit)
                : todos(COLUMNS + "WHERE namespace = ? AND id > ? ORDER BY id LIMIT ?", namespace, afterId, limit);
    }

    /**
     * A page in id order by offset.
     *
     * @param namespace the namespace
     * @param offset    the rows to skip
     * @param limit     the rows to read
     * @return the todos
     * @throws SQLException when the database fails
     */
    List<Todo> atOffset(String namespace, int offset, int limit) throws SQLException {
        return todos(COLUMNS + "WHERE namespace = ? ORDER BY id LIMIT ? OFFSET ?", namespace, limit, offset);
    }

    /**
     * Count, sum and average of the priority per project.
     *
     * @param namespace the namespace
     * @return one row per project, by project id
     * @throws SQLException when the database fails
     */
    List<ProjectStats> statsByProject(String namespace) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT project_id, count(*), sum(priority), avg(priority)"
                        + " FROM todos WHERE namespace = ? GROUP BY project_id ORDER BY project_id")) {
            s.setString(1, namespace);
            List<ProjectStats> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new ProjectStats(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getDouble(4)));
                }
            }
            return out;
        }
    }

    private List<Todo> todos(String sql, Object... parameters) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            List<Todo> todos = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    s.setObject(i + 1, parameters[i]);
                }
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        todos.add(todo(rs));
                    }
                }
            }
            if (!todos.isEmpty()) {
                addTags(c, (String) parameters[0], todos);
            }
            return todos;
        }
    }

    /** The todo of the current row of a result whose first columns are {@link #COLUMNS}' (tags still empty). */
    static Todo todo(ResultSet rs) throws SQLException {
        int priority = rs.getInt(4);
        Integer nullablePriority = rs.wasNull() ? null : priority;
        OffsetDateTime created = rs.getObject(8, OffsetDateTime.class);
        OffsetDateTime updated = rs.getObject(9, OffsetDateTime.class);
        return new Todo(rs.getString(1), rs.getString(2), rs.getBoolean(3), nullablePriority,
                rs.getObject(5, LocalDate.class), rs.getString(6), rs.getString(7), new ArrayList<>(),
                created == null ? null : created.toInstant(), updated == null ? null : updated.toInstant());
    }

    /**
     * Fills the (mutable) tag lists of a page with one statement, {@code todos_id IN (?, ?, ...)}: H2 does
     * not use an index for {@code = ANY (?)} with an array, and PostgreSQL plans both alike.
     */
    static void addTags(Connection c, String namespace, List<Todo> todos) throws SQLException {
        Map<String, List<String>> tagsById = new HashMap<>();
        todos.forEach(t -> tagsById.put(t.id(), t.tags()));
        String placeholders = String.join(", ", Collections.nCopies(todos.size(), "?"));
        try (PreparedStatement s = c.prepareStatement("SELECT todos_id, tags_id FROM todos_tags WHERE namespace = ?"
                + " AND todos_id IN (" + placeholders + ")")) {
            s.setString(1, namespace);
            for (int i = 0; i < todos.size(); i++) {
                s.setString(i + 2, todos.get(i).id());
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    tagsById.get(rs.getString(1)).add(rs.getString(2));
                }
            }
        }
    }

    /**
     * One group of {@link #statsByProject}.
     *
     * @param projectId the project
     * @param n         its todos
     * @param total     the sum of their priorities
     * @param mean      the average priority
     */
    record ProjectStats(String projectId, long n, long total, double mean) {
    }
}
