package dev.datafn.db;

/**
 * What the engine does with the tables when it starts. The embedded H2 default creates and updates
 * them; a PostgreSQL database is only checked, because its tables change through reviewed, versioned
 * migrations (see {@code dev.datafn.DataFnMigrations}).
 */
public enum SchemaManagement {

    /** Creates missing tables and columns (Hibernate's {@code update}); never drops or retypes anything. */
    UPDATE("update"),

    /** Checks every mapped table and column exists with the right type; refuses to start otherwise. */
    VALIDATE("validate");

    private final String hibernateAction;

    SchemaManagement(String hibernateAction) {
        this.hibernateAction = hibernateAction;
    }

    /** @return the value of {@code hibernate.hbm2ddl.auto} that does this */
    public String hibernateAction() {
        return hibernateAction;
    }

    /**
     * @param jdbcUrl a supported JDBC URL
     * @return {@link #UPDATE} for H2, {@link #VALIDATE} for everything else
     */
    public static SchemaManagement defaultFor(String jdbcUrl) {
        return jdbcUrl.startsWith("jdbc:h2:") ? UPDATE : VALIDATE;
    }
}
