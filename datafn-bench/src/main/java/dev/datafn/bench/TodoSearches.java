package dev.datafn.bench;

import dev.datafn.example.todo.Todo;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * The baseline's full-text search: PostgreSQL's own, as a developer writes it by hand over the todo table.
 * The searched text is a todo's title and notes, {@code title || ' ' || coalesce(notes, '')}, DataFn's two
 * searchable todo fields, in the {@code simple} configuration (lower-cased words, no stemming and no stop
 * words: what DataFn's default analyzer does, less the accent folding the generated data does not need).
 *
 * <ul>
 * <li>words: {@code to_tsvector(...) @@ websearch_to_tsquery('simple', ?)} on a GIN index of that
 *     expression, best {@code ts_rank} first;</li>
 * <li>prefix: the same with {@code to_tsquery('simple', 'word:*')};</li>
 * <li>typos: pg_trgm's {@code <%} (a word of the text close enough to the query word, by trigrams) on a
 *     GIN trigram index of the text, best {@code word_similarity} first.</li>
 * </ul>
 *
 * Ties go by id, so an answer is stable. The indexes exist only while the search scenarios run
 * ({@link #createIndexes}, {@link #dropIndexes}): the write scenarios measure a todo table without them.
 */
final class TodoSearches {

    /** A word as the handlers accept it: letters and digits, so it never carries tsquery syntax. */
    static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]{1,100}");

    private static final String TEXT = "(title || ' ' || coalesce(notes, ''))";
    private static final String DOCUMENT = "to_tsvector('simple', " + TEXT + ")";
    private static final String FTS_INDEX = "todos_search_fts_idx";
    private static final String TRIGRAM_INDEX = "todos_search_trgm_idx";

    private final DataSource dataSource;
    private boolean trigrams;

    /** @param dataSource the baseline's own pool */
    TodoSearches(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Creates the GIN indexes the searches use, and pg_trgm when it is missing.
     *
     * @return what was built and how long it took, for the log
     * @throws SQLException when the database fails
     */
    String createIndexes() throws SQLException {
        StringBuilder out = new StringBuilder();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            dropIndexes(s);
            long started = System.nanoTime();
            s.execute("CREATE INDEX " + FTS_INDEX + " ON todos USING gin (" + DOCUMENT + ")");
            out.append("GIN index of to_tsvector('simple', title || notes) in %.1f s".formatted(
                    (System.nanoTime() - started) / 1e9));
            try {
                s.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm");
                started = System.nanoTime();
                s.execute("CREATE INDEX " + TRIGRAM_INDEX + " ON todos USING gin (" + TEXT + " gin_trgm_ops)");
                out.append(", GIN trigram index in %.1f s".formatted((System.nanoTime() - started) / 1e9));
                trigrams = true;
            } catch (SQLException e) {
                out.append("; pg_trgm is not available (").append(e.getMessage().lines().findFirst().orElse(""))
                        .append("), so there is no typo search to compare with");
            }
            s.execute("ANALYZE todos");
        }
        return out.toString();
    }

    /** @return whether pg_trgm answers typo searches (known after {@link #createIndexes}) */
    boolean trigrams() {
        return trigrams;
    }

    /**
     * Drops the search indexes, so later runs write to the todo table as it was.
     *
     * @throws SQLException when the database fails
     */
    void dropIndexes() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            dropIndexes(s);
        }
    }

    private static void dropIndexes(Statement s) throws SQLException {
        s.execute("DROP INDEX IF EXISTS " + FTS_INDEX);
        s.execute("DROP INDEX IF EXISTS " + TRIGRAM_INDEX);
    }

    /**
     * @param namespace the namespace
     * @param words     the words, as a search box sends them ({@code websearch_to_tsquery} syntax)
     * @param limit     the most results
     * @return the todos holding every word, best first
     * @throws SQLException when the database fails
     */
    List<Scored> words(String namespace, String words, int limit) throws SQLException {
        return search("websearch_to_tsquery('simple', ?)", namespace, words, limit);
    }

    /**
     * @param namespace the namespace
     * @param prefix    the start of a word, letters and digits only ({@link #WORD})
     * @param limit     the most results
     * @return the todos holding a word that starts so, best first
     * @throws SQLException when the database fails
     */
    List<Scored> prefix(String namespace, String prefix, int limit) throws SQLException {
        return search("to_tsquery('simple', ? || ':*')", namespace, prefix, limit);
    }

    /**
     * @param namespace the namespace
     * @param word      a word, maybe misspelt
     * @param limit     the most results
     * @return the todos holding a word like it, most alike first
     * @throws SQLException when the database fails
     */
    List<Scored> fuzzy(String namespace, String word, int limit) throws SQLException {
        return scored(TodoQueries.COLUMNS.replace(" FROM todos ", ", word_similarity(?, " + TEXT + ") AS score"
                + " FROM todos ") + "WHERE namespace = ? AND ? <% " + TEXT + " ORDER BY score DESC, id LIMIT ?",
                namespace, word, namespace, word, limit);
    }

    /** The todos matching a tsquery, best {@code ts_rank} first. */
    private List<Scored> search(String tsquery, String namespace, String text, int limit) throws SQLException {
        return scored(TodoQueries.COLUMNS.replace(" FROM todos ", ", ts_rank(" + DOCUMENT + ", q) AS score"
                + " FROM todos, " + tsquery + " q ") + "WHERE namespace = ? AND " + DOCUMENT + " @@ q"
                + " ORDER BY score DESC, id LIMIT ?", namespace, text, namespace, limit);
    }

    /** Runs a search whose score is the column after the todo's, then reads the page's tags. */
    private List<Scored> scored(String sql, String namespace, Object... parameters) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            List<Todo> todos = new ArrayList<>();
            List<Double> scores = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    s.setObject(i + 1, parameters[i]);
                }
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        todos.add(TodoQueries.todo(rs));
                        scores.add(rs.getDouble("score"));
                    }
                }
            }
            if (!todos.isEmpty()) {
                TodoQueries.addTags(c, namespace, todos);
            }
            List<Scored> out = new ArrayList<>();
            for (int i = 0; i < todos.size(); i++) {
                out.add(new Scored(todos.get(i), scores.get(i)));
            }
            return out;
        }
    }

    /**
     * One result.
     *
     * @param todo  the todo, with its tags
     * @param score how well it matches, higher first
     */
    record Scored(Todo todo, double score) {
    }
}
