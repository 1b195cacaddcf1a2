package dev.datafn.db;

import com.zaxxer.hikari.HikariDataSource;
import dev.datafn.schema.Namespace;
import dev.datafn.schema.Schema;
import dev.datafn.timing.Phases;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Map;
import java.util.function.Function;
import org.hibernate.FlushMode;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.SharedSessionContract;
import org.hibernate.StatelessSession;
import org.hibernate.Transaction;
import org.hibernate.binder.internal.TenantIdBinder;
import org.hibernate.context.spi.CurrentTenantIdentifierResolver;
import org.hibernate.engine.jdbc.connections.spi.ConnectionProvider;
import org.hibernate.engine.spi.SessionFactoryImplementor;

/**
 * Hibernate over a pooled data source, bootstrapped from the schema's generated entities and the system
 * tables (no persistence.xml). Every unit of work runs in a session bound to one namespace: Hibernate's
 * {@code @TenantId} support then filters every read and fills every write of a resource row with it.
 */
public final class DataStore implements AutoCloseable {

    /** How often {@link #stopRunningTransactions} cancels the statements of the transactions still open. */

    /** The sessions of the transactions running now, for shutdown to cancel their statements. */
    private final java.util.Set<SharedSessionContract> open = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Set once shutdown stops the running transactions: no new one may start. */
    private volatile boolean stopping;

    private static final System.Logger LOG = System.getLogger(DataStore.class.getName());

    /** The namespace of the session being opened on this thread, for {@link NoImplicitNamespace}. */
    private static final ThreadLocal<String> OPENING_NAMESPACE = new ThreadLocal<>();

    private final HikariDataSource dataSource;
    private final SessionFactory sessionFactory;
    private final boolean postgres;
    /** Every pooled session's statement timeout, or {@code null}: what maintenance work lifts for its own statements. */
    private final java.time.Duration statementTimeout;

    private DataStore(HikariDataSource dataSource, SessionFactory sessionFactory, boolean postgres,
            java.time.Duration statementTimeout) {
        this.dataSource = dataSource;
        this.sessionFactory = sessionFactory;
        this.postgres = postgres;
        this.statementTimeout = statementTimeout;
    }

    /**
     * Whether the database answers now: a pooled connection that passes its validity check within the
     * wait. A closed pool, or one that cannot connect, answers false instead of throwing.
     *
     * @param wait how long to wait for a connection and its check
     * @return whether the database answered in time
     */
    public boolean reachable(java.time.Duration wait) {
        if (dataSource.isClosed()) {
            return false;
        }
        // The pool's own connection timeout is long (it is for work, which should wait); a health probe should not.
        java.util.concurrent.CompletableFuture<Boolean> probe = new java.util.concurrent.CompletableFuture<>();
        Thread.ofVirtual().name("datafn-db-probe").start(() -> {
            try (java.sql.Connection connection = dataSource.getConnection()) {
                probe.complete(connection.isValid((int) Math.max(1, wait.toSeconds())));
            } catch (java.sql.SQLException | RuntimeException e) {
                probe.complete(false);
            }
        });
        try {
            return probe.get(wait.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** @return the connection pool's counts now; all zero once the pool is closed */
    public PoolStats poolStats() {
        com.zaxxer.hikari.HikariPoolMXBean pool = dataSource.getHikariPoolMXBean();
        if (pool == null || dataSource.isClosed()) {
            return new PoolStats(0, 0, 0, 0, dataSource.getMaximumPoolSize());
        }
        return new PoolStats(pool.getActiveConnections(), pool.getIdleConnections(), pool.getTotalConnections(),
                pool.getThreadsAwaitingConnection(), dataSource.getMaximumPoolSize());
    }

    /**
     * How many rows a system table holds: PostgreSQL's planner estimate (no scan; exact after the last
     * {@code ANALYZE}, and a count when the table was never analyzed), an exact count on H2.
     *
     * @param table one of the engine's own tables, e.g. {@code datafn_changes}
     * @return its row count or estimate
     * @throws IllegalArgumentException for a name that is not a plain table name
     */
    public long tableRows(String table) {
        if (!table.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a table name: " + table);
        }
        try (java.sql.Connection connection = dataSource.getConnection();
             java.sql.Statement statement = connection.createStatement()) {
            try {
                if (postgres) {
                    try (java.sql.ResultSet estimate = statement.executeQuery(
                            "select reltuples::bigint from pg_class where oid = to_regclass('" + table + "')")) {
                        if (estimate.next() && estimate.getLong(1) >= 0) {
                            return estimate.getLong(1);
                        }
                    }
                }
                try (java.sql.ResultSet count = statement.executeQuery("select count(*) from " + table)) {
                    count.next();
                    return count.getLong(1);
                }
            } finally {
                connection.rollback();
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot count the rows of " + table, e);
        }
    }

    /**
     * Connects, maps the schema's entities and the system tables, and creates or updates the tables or
     * checks them, as the database's {@link SchemaManagement} says.
     *
     * @param database       where the data lives
     * @param schema         the resources to map
     * @param systemEntities the engine's own tables (change log, sequence counters, idempotency records),
     *                       each listed by the package that owns it
     * @param hibernateProperties extra Hibernate settings (DataFn's own win where they overlap)
     * @param statementTimeout the longest any statement on the store's connections may run before the database
     *                       stops it (queries, sync reads, writes, waits for a lock), or {@code null} for none
     * @return the store
     * @throws SchemaMismatchException when the tables are only checked and do not match the records
     * @throws UnversionedDatabaseException when the tables are only checked and are PostgreSQL tables that no
     *         migration made (no Flyway history): they are adopted with the {@code baseline} command first
     */
    public static DataStore open(Database database, Schema schema, Collection<Class<?>> systemEntities,
            Map<String, Object> hibernateProperties, java.time.Duration statementTimeout) {
        if (database.schemaManagement() == SchemaManagement.VALIDATE
                && SchemaHistory.of(database) == SchemaHistory.UNVERSIONED) {
            // Even tables that match today's records would leave every later migration unable to run.
            throw new UnversionedDatabaseException(database);
        }
        HikariDataSource dataSource = StoreSetup.pool(database, statementTimeout);
        try {
            if (!database.isPostgres()) {
                StoreSetup.registerH2Functions(dataSource);
            }
            SessionFactory sessionFactory;
            try {
                sessionFactory = StoreSetup.configuration(dataSource, schema, systemEntities, hibernateProperties,
                        new NoImplicitNamespace())
                        .property("hibernate.hbm2ddl.auto", database.schemaManagement().hibernateAction())
                        .createEntityManagerFactory()
                        .unwrap(SessionFactory.class);
            } catch (RuntimeException e) {
                throw mismatchOr(e, database);
            }
            return new DataStore(dataSource, sessionFactory, database.isPostgres(), statementTimeout);
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
    }

    /**
     * Checks that the database's tables match the mapped records, as a validating {@link #open} does, without
     * keeping anything open, and whatever the database's migration history.
     *
     * @param database       the database; it is not changed
     * @param schema         the resources to map
     * @param systemEntities the engine's own tables
     * @throws SchemaMismatchException when the tables do not match, naming the first difference
     */
    public static void check(Database database, Schema schema, Collection<Class<?>> systemEntities) {
        try (HikariDataSource dataSource = StoreSetup.pool(database, null)) {
            StoreSetup.configuration(dataSource, schema, systemEntities, SCHEMA_ONLY, new NoImplicitNamespace())
                    .property("hibernate.hbm2ddl.auto", SchemaManagement.VALIDATE.hibernateAction())
                    .createEntityManagerFactory()
                    .close();
        } catch (RuntimeException e) {
            throw mismatchOr(e, database);
        }
    }

    /**
     * Writes the SQL that would bring the database's tables up to the mapped records (Hibernate's schema
     * migrator in script mode: new tables, columns, indexes and constraints; it never drops nor retypes)
     * without running it.
     *
     * @param database       the database to compare with; it is not changed
     * @param schema         the resources to map
     * @param systemEntities the engine's own tables
     * @param target         the file to write, replaced if it exists; empty when nothing differs
     */
    public static void writeUpdateScript(Database database, Schema schema, Collection<Class<?>> systemEntities,
            java.nio.file.Path target) {
        try (HikariDataSource dataSource = StoreSetup.pool(database, null)) {
            StoreSetup.configuration(dataSource, schema, systemEntities, SCHEMA_ONLY, new NoImplicitNamespace())
                    .property("hibernate.hbm2ddl.auto", "none")
                    .property("jakarta.persistence.schema-generation.database.action", "none")
                    .property("jakarta.persistence.schema-generation.scripts.action", org.hibernate.tool.schema.Action.UPDATE)
                    .property("jakarta.persistence.schema-generation.scripts.create-target", target.toString())
                    .property("hibernate.hbm2ddl.schema-generation.script.append", "false")
                    .property("hibernate.hbm2ddl.delimiter", ";")
                    .property("hibernate.format_sql", "false")
                    .createEntityManagerFactory()
                    .close();
        }
    }

    /**
     * Settings of a factory that only reads or writes table definitions: without the full-text index, whose
     * analyzers a searchable field names and only a serving engine configures.
     */
    private static final Map<String, Object> SCHEMA_ONLY = Map.of("hibernate.search.enabled", "false");

    /**
     * The validator's failure as a {@link SchemaMismatchException} naming the difference and the fix, or
     * the failure itself when it is something else.
     */
    private static RuntimeException mismatchOr(RuntimeException failure, Database database) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof org.hibernate.tool.schema.spi.SchemaManagementException mismatch) {
                String difference = mismatch.getMessage().replaceFirst("^Schema[- ]validation: ", "");
                return new SchemaMismatchException(difference, database, failure);
            }
        }
        return failure;
    }

    /**
     * Runs work in one transaction in a namespace; commits when it returns, rolls back when it throws.
     *
     * @param namespace the namespace every resource row read or written belongs to
     * @param work      the work
     * @param <T>       its result type
     * @return its result
     */
    public <T> T inTransaction(Namespace namespace, Function<Session, T> work) {
        Session opened = open(namespace);
        try (Session session = opened) {
            Transaction tx = session.beginTransaction();
            try {
                T result = work.apply(session);
                // Reads commit too, but only a write's commit is a phase worth its name.
                long start = session.isDefaultReadOnly() ? 0 : Phases.mark();
                tx.commit();
                Phases.add("commit", start);
                return result;
            } catch (RuntimeException | Error e) {
                if (tx.isActive()) {
                    try {
                        tx.rollback();
                    } catch (RuntimeException rollbackFailed) {
                        // The connection broke under the work (the database went away): its failure, not the
                        // rollback's, says what happened; the database drops the transaction with the connection.
                        e.addSuppressed(rollbackFailed);
                    }
                }
                throw e;
            }
        } finally {
            open.remove(opened);
        }
    }

    /**
     * Runs maintenance work (deleting expired records) in a transaction, as {@link #inTransaction} does, with no
     * statement timeout on its statements: the first pruning of a large backlog may take longer than any request
     * should, and must still end rather than fail at every run.
     *
     * @param namespace the namespace the session works in
     * @param work      the work
     * @param <T>       its result type
     * @return its result
     */
    public <T> T inMaintenanceTransaction(Namespace namespace, Function<Session, T> work) {
        boolean limited = statementTimeout != null && !statementTimeout.isZero();
        return inTransaction(namespace, session -> {
            if (limited) {
                // PostgreSQL's SET LOCAL ends with the transaction; H2's setting is the session's, so it is put back.
                execute(session, postgres ? "SET LOCAL statement_timeout = 0" : "SET QUERY_TIMEOUT 0");
            }
            try {
                return work.apply(session);
            } finally {
                if (limited && !postgres) {
                    execute(session, "SET QUERY_TIMEOUT " + statementTimeout.toMillis());
                }
            }
        });
    }

    private static void execute(Session session, String sql) {
        session.doWork(connection -> {
            try (java.sql.Statement statement = connection.createStatement()) {
                statement.execute(sql);
            }
        });
    }

    /**
     * Opens a stateless session on a session's connection, in its transaction and namespace, for bulk
     * writes that need no persistence context: rows inserted through it are never snapshotted, dirty-checked
     * or flushed again. Close it before the session's transaction ends.
     *
     * @param session a session of {@link #inTransaction}
     * @return the stateless session, sharing the connection
     */
    public static StatelessSession statelessBeside(Session session) {
        String outer = OPENING_NAMESPACE.get();
        Object namespace = session.getTenantIdentifierValue();
        OPENING_NAMESPACE.set((String) namespace);
        try {
            return session.statelessWithOptions().connection().tenantIdentifier(namespace).open();
        } finally {
            OPENING_NAMESPACE.set(outer);
        }
    }

    /**
     * Stops the transactions still running when shutdown can wait no longer: no new one starts, and each
     * running one has its statement cancelled, again and again (a cancel only reaches a statement in
     * flight), until it has rolled back or {@code grace} has passed. A cancelled transaction never commits
     * half its work: its statement fails, and {@link #inTransaction} rolls the whole transaction back.
     *
     * @param grace how long to keep cancelling
     * @return the number of transactions still open afterwards
     */
    public int stopRunningTransactions(java.time.Duration grace) {
        stopping = true;
        StatementCancel.untilClosed(open, grace);
        return open.size();
    }

    /** Opens a session in a namespace and registers it among the open ones, unless shutdown has begun. */
    private Session open(Namespace namespace) {
        return register(namespace, () -> sessionFactory.withOptions().tenantIdentifier((Object) namespace.value())
                .openSession());
    }

    /**
     * Opens a session (of either kind) in a namespace, answering the tenant resolver while it does, and
     * registers it among the open ones, unless shutdown has begun.
     */
    private <S extends SharedSessionContract> S register(Namespace namespace, java.util.function.Supplier<S> opener) {
        String outer = OPENING_NAMESPACE.get();
        OPENING_NAMESPACE.set(namespace.value());
        S opened;
        try {
            opened = opener.get();
        } finally {
            OPENING_NAMESPACE.set(outer);
        }
        if (stopping) {
            opened.close();
            throw stoppingRefusal();
        }
        open.add(opened);
        return opened;
    }

    /**
     * Runs reads each in a statement of its own, in auto-commit: no {@code BEGIN} and {@code COMMIT} round
     * trips around them. Each statement sees what was committed when it started, which is what a
     * {@code READ COMMITTED} transaction (the default of both databases) gives its statements too; work
     * that needs one snapshot across statements uses {@link #inSnapshot}. The work gets a stateless
     * session, with no persistence context: it reads columns (HQL projections), never managed entities. A
     * {@link ReadCancellation} of the thread's work stops the running statement.
     *
     * <p>The session's tenant filter is off, so that Hibernate translates each statement once: the work's
     * statements must test the namespace themselves, as those of {@code dev.datafn.db.hibernate} do
     * ({@code session.getTenantIdentifierValue()} is the namespace).
     *
     * @param namespace the namespace of the session, which the work's statements read
     * @param work      the work
     * @param <T>       its result type
     * @return its result
     */
    public <T> T inAutoCommitReads(Namespace namespace, Function<SharedSessionContract, T> work) {
        ReadCancellation reads = ReadCancellation.current();
        // The session runs on one connection taken here for all its statements: left to Hibernate, a session
        // outside a transaction would give its connection back after each statement.
        ConnectionProvider connections = sessionFactory.unwrap(SessionFactoryImplementor.class)
                .getServiceRegistry().requireService(ConnectionProvider.class);
        Connection connection;
        try {
            connection = connections.getConnection();
        } catch (SQLException e) {
            throw new org.hibernate.exception.JDBCConnectionException("cannot get a connection", e);
        }
        try {
            // Connections are handed out outside auto-commit, and go back so. With no transaction open,
            // neither switch is a round trip.
            connection.setAutoCommit(true);
            StatelessSession opened = openStateless(namespace, connection);
            // The statements of these reads test the namespace themselves (HqlText); Hibernate's own tenant
            // restriction is a filter, and with a filter on, Hibernate translates every statement anew.
            opened.disableFilter(TenantIdBinder.FILTER_NAME);
            try (StatelessSession session = opened) {
                return cancellable(reads, session, work);
            } finally {
                open.remove(opened);
            }
        } catch (SQLException e) {
            throw new org.hibernate.exception.JDBCConnectionException("cannot read in auto-commit", e);
        } finally {
            giveBack(connections, connection);
        }
    }

    private static void giveBack(ConnectionProvider connections, Connection connection) {
        try {
            connection.setAutoCommit(false);
        } catch (SQLException ignored) {
            // A connection that cannot be switched back is broken; the pool checks it before handing it out.
        } finally {
            try {
                connections.closeConnection(connection);
            } catch (SQLException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot give a connection back to the pool", e);
            }
        }
    }

    /**
     * Opens a stateless session in a namespace on a connection, registered among the open ones unless
     * shutdown has begun: reads that only project columns need no persistence context, and it costs less to
     * open and close.
     */
    private StatelessSession openStateless(Namespace namespace, Connection connection) {
        return register(namespace, () -> sessionFactory.withStatelessOptions().connection(connection)
                .tenantIdentifier((Object) namespace.value()).openStatelessSession());
    }

    /** Runs work in a session, counted among the reads of the group (if any) that a disconnect cancels. */
    private static <S extends SharedSessionContract, T> T cancellable(ReadCancellation reads, S session,
            Function<? super S, T> work) {
        if (reads == null) {
            return work.apply(session);
        }
        reads.opened(session);
        try {
            return work.apply(session);
        } finally {
            reads.closed(session);
        }
    }

    /**
     * Checks, between the pieces of a long read (a streamed clone's fetches), that it may go on. A cancel
     * stops a statement only while it runs, and the later fetches of a statement's rows are no statements
     * of their own; the read asks here instead.
     *
     * @throws dev.datafn.error.DataFnException {@code DFQL_ABORTED} when the reads of the current work were
     *         cancelled (its client left); {@code SERVICE_UNAVAILABLE} once shutdown stops the running
     *         transactions
     */
    public void requireRunning() {
        if (stopping) {
            throw stoppingRefusal();
        }
        ReadCancellation reads = ReadCancellation.current();
        if (reads != null && reads.isCancelled()) {
            throw new dev.datafn.error.DataFnException(dev.datafn.error.ErrorCode.DFQL_ABORTED, "the query was cancelled");
        }
    }

    private static dev.datafn.error.DataFnException stoppingRefusal() {
        return new dev.datafn.error.DataFnException(dev.datafn.error.ErrorCode.SERVICE_UNAVAILABLE,
                "the server is shutting down; retry the request");
    }

    /**
     * Runs reads in one read-only transaction: loaded entities are not snapshotted nor dirty-checked,
     * and nothing is flushed at commit. When the thread's work belongs to a {@link ReadCancellation}, its
     * cancel stops the transaction's statement.
     *
     * @param namespace the namespace every resource row read belongs to
     * @param work      the work
     * @param <T>       its result type
     * @return its result
     */
    public <T> T inReadOnlyTransaction(Namespace namespace, Function<Session, T> work) {
        // Captured here: the work runs on this thread, but the group is what a disconnect cancels.
        ReadCancellation reads = ReadCancellation.current();
        return inTransaction(namespace, session -> {
            session.setDefaultReadOnly(true);
            session.setHibernateFlushMode(FlushMode.MANUAL);
            return cancellable(reads, session, work);
        });
    }

    /**
     * Runs reads in one read-only transaction that sees one snapshot of the database throughout
     * ({@code REPEATABLE READ} on PostgreSQL, {@code SERIALIZABLE} on H2, each a snapshot there): every
     * statement of the work sees the same committed state, however long the work streams. The pool
     * restores the connection's isolation level when it is returned.
     *
     * @param namespace the namespace every resource row read belongs to
     * @param work      the work
     * @param <T>       its result type
     * @return its result
     */
    public <T> T inSnapshot(Namespace namespace, Function<Session, T> work) {
        return inReadOnlyTransaction(namespace, session -> {
            // No statement has run in the transaction yet, so its isolation level may still change.
            session.doWork(connection -> connection.setTransactionIsolation(
                    connection.getMetaData().getURL().startsWith("jdbc:h2:")
                            ? java.sql.Connection.TRANSACTION_SERIALIZABLE
                            : java.sql.Connection.TRANSACTION_REPEATABLE_READ));
            return work.apply(session);
        });
    }

    /** @return the Hibernate session factory */
    public SessionFactory sessionFactory() {
        return sessionFactory;
    }

    /** Closes Hibernate and the pool. */
    @Override
    public void close() {
        try {
            sessionFactory.close();
        } finally {
            dataSource.close();
        }
    }

    /**
     * Hibernate asks the resolver for a tenant while building every session, before the explicit one is
     * applied; it answers the namespace being opened. Any other session is a bug, and must fail rather
     * than silently read some default namespace.
     */
    private static final class NoImplicitNamespace implements CurrentTenantIdentifierResolver<Object> {
        @Override
        public Object resolveCurrentTenantIdentifier() {
            String namespace = OPENING_NAMESPACE.get();
            if (namespace == null) {
                throw new IllegalStateException("a DataFn session was opened without a namespace");
            }
            return namespace;
        }

        @Override
        public boolean validateExistingCurrentSessions() {
            return false;
        }
    }
}
