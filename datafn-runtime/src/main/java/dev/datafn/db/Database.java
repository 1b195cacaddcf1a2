package dev.datafn.db;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the data lives: a JDBC URL (H2 or PostgreSQL), credentials, the connection pool size and what
 * the engine does with the tables when it starts.
 *
 * @param jdbcUrl          the JDBC URL
 * @param user             the user
 * @param password         the password
 * @param maxPoolSize      the most pooled connections
 * @param schemaManagement create and update the tables, or only check them
 *                         ({@link SchemaManagement#defaultFor(String)} unless set)
 */
public record Database(String jdbcUrl, String user, String password, int maxPoolSize,
        SchemaManagement schemaManagement) {

    /** The pool size when none is given: enough for a small server; handlers run on virtual threads. */
    public static final int DEFAULT_POOL_SIZE = 16;

    /** Checks the URL names a supported database. */
    public Database {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if (!jdbcUrl.startsWith("jdbc:h2:") && !jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("unsupported JDBC URL '" + jdbcUrl
                    + "': DataFn runs on H2 (jdbc:h2:...) and PostgreSQL (jdbc:postgresql:...)");
        }
        if (maxPoolSize < 1) {
            throw new IllegalArgumentException("maxPoolSize must be 1 or more");
        }
        Objects.requireNonNull(schemaManagement, "schemaManagement");
    }

    /**
     * A database whose tables are managed the default way for its kind: updated on H2, validated on
     * PostgreSQL.
     *
     * @param jdbcUrl     the JDBC URL
     * @param user        the user
     * @param password    the password
     * @param maxPoolSize the most pooled connections
     */
    public Database(String jdbcUrl, String user, String password, int maxPoolSize) {
        this(jdbcUrl, user, password, maxPoolSize, SchemaManagement.defaultFor(Objects.requireNonNull(jdbcUrl, "jdbcUrl")));
    }

    /**
     * An embedded H2 database in a file, created on first use.
     *
     * @param path the file path without H2's {@code .mv.db} suffix, e.g. {@code ./data/todo}
     * @return the database
     */
    public static Database h2File(String path) {
        String absolute = Path.of(path).toAbsolutePath().normalize().toString().replace('\\', '/');
        return new Database("jdbc:h2:file:" + absolute + H2_OPTIONS, "sa", "", DEFAULT_POOL_SIZE);
    }

    /**
     * An embedded in-memory H2 database that lives as long as the JVM.
     *
     * @param name the database name; the same name in one JVM is the same database
     * @return the database
     */
    public static Database h2Memory(String name) {
        return new Database("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1" + H2_OPTIONS, "sa", "", DEFAULT_POOL_SIZE);
    }

    /**
     * Any supported database by URL, e.g. {@code jdbc:postgresql://127.0.0.1:5432/datafn}.
     *
     * @param jdbcUrl  the JDBC URL
     * @param user     the user
     * @param password the password
     * @return the database
     */
    public static Database jdbc(String jdbcUrl, String user, String password) {
        return new Database(jdbcUrl, user, password, DEFAULT_POOL_SIZE);
    }

    /**
     * @param size the most pooled connections
     * @return this database with another pool size
     */
    public Database withPoolSize(int size) {
        return new Database(jdbcUrl, user, password, size, schemaManagement);
    }

    /**
     * @param management create and update the tables, or only check them
     * @return this database with its tables managed that way
     */
    public Database withSchemaManagement(SchemaManagement management) {
        return new Database(jdbcUrl, user, password, maxPoolSize, management);
    }

    /** @return whether this is PostgreSQL */
    public boolean isPostgres() {
        return jdbcUrl.startsWith("jdbc:postgresql:");
    }

    /** Writers queue on the per-namespace sequence row: wait for it instead of H2's 1 s default. */
    private static final String H2_OPTIONS = ";LOCK_TIMEOUT=30000";

    @Override
    public String toString() {
        return "Database[" + jdbcUrl + ", user=" + user + ", pool=" + maxPoolSize + ", schema=" + schemaManagement + "]";
    }
}
