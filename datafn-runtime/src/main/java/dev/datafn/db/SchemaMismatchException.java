package dev.datafn.db;

/**
 * The database's tables do not match the mapped records, so the engine refuses to start. The message
 * says what differs (table, column, type) and which command brings the database up to date.
 */
public final class SchemaMismatchException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /** What differs, in Hibernate's words. */
    private final String difference;

    /**
     * @param difference what differs, in Hibernate's words (e.g. {@code missing column [priority] in table [todo]})
     * @param database   the database checked
     * @param cause      the validator's failure
     */
    SchemaMismatchException(String difference, Database database, Throwable cause) {
        super("The tables of " + database.jdbcUrl() + " do not match the records: " + difference + ". "
                + "Apply the pending migrations with `java -jar <app>.jar migrate` (or "
                + "DataFnMigrations.migrate(database) from the application); if no migration covers the change yet, "
                + "write one with `java -jar <app>.jar generate-migration <description>`, review it and commit it "
                + "under src/main/resources/db/migration.", cause);
        this.difference = difference;
    }

    /** @return what differs, in Hibernate's words, e.g. {@code missing column [priority] in table [todo]} */
    public String difference() {
        return difference;
    }
}
