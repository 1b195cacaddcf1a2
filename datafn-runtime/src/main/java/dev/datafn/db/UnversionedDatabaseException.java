package dev.datafn.db;

/**
 * The database has tables but no record of the migrations that made them ({@link SchemaHistory#UNVERSIONED}):
 * they were created before the application had migrations. Neither the server nor {@code migrate} touches such
 * a database; the message names the {@code baseline} command that adopts it.
 */
public final class UnversionedDatabaseException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /**
     * @param database the database
     */
    public UnversionedDatabaseException(Database database) {
        super("The tables of " + database.jdbcUrl() + " were not created by migrations: it has tables but no "
                + SchemaHistory.TABLE + " table (it was probably made by hbm2ddl=update). Adopt it with "
                + "`java -jar <app>.jar baseline` (or DataFnMigrations.baseline(database)), which finds the "
                + "migration whose tables they are and records them as that version; then run "
                + "`java -jar <app>.jar migrate` to apply the later migrations.");
    }
}
