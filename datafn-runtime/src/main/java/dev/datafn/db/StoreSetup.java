package dev.datafn.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.datafn.schema.RelationSchema;
import dev.datafn.schema.ResourceSchema;
import dev.datafn.schema.Schema;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.hibernate.context.spi.CurrentTenantIdentifierResolver;
import org.hibernate.jpa.HibernatePersistenceConfiguration;

/**
 * How a {@link DataStore} is set up on a database: its connection pool (with the sessions' statement timeout),
 * the Hibernate configuration that maps the schema's entities with DataFn's settings, and the SQL functions DataFn
 * registers on H2. The store itself runs work in sessions on what this sets up.
 */
final class StoreSetup {

    private static final System.Logger LOG = System.getLogger(DataStore.class.getName());

    /** Hikari's least connection timeout: it takes any shorter one as its default of 30 s. */
    private static final long MIN_CONNECTION_TIMEOUT_MS = 250;

    private StoreSetup() {
    }

    /**
     * A pool on the database, handing out connections with auto-commit off and, when given, a statement timeout
     * of the session: every statement the connection runs, whichever code path made it, is stopped by the database
     * itself once it runs longer (PostgreSQL's {@code statement_timeout}, H2's {@code QUERY_TIMEOUT}), and its
     * connection goes back to the pool. The statement timeout also bounds the wait for a connection (Hikari's
     * {@code connectionTimeout}, at least 250 ms; 30 s without a statement timeout).
     */
    static HikariDataSource pool(Database database, java.time.Duration statementTimeout) {
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(database.jdbcUrl());
        pool.setUsername(database.user());
        pool.setPassword(database.password());
        pool.setMaximumPoolSize(database.maxPoolSize());
        pool.setPoolName("datafn");
        pool.setAutoCommit(false);
        if (statementTimeout != null && !statementTimeout.isZero()) {
            long ms = statementTimeout.toMillis();
            // A request waits for a connection no longer than one of its statements may run: with every
            // connection busy, or the database down, it is answered 503 then instead of after Hikari's 30 s.
            pool.setConnectionTimeout(Math.max(MIN_CONNECTION_TIMEOUT_MS, ms));
            // Settings of the session from its start, as the driver opens it: nothing a transaction could undo.
            String url = database.jdbcUrl().toLowerCase(java.util.Locale.ROOT);
            if (database.isPostgres() && url.contains("options=")) {
                // The URL's own options win over a property of the same name: ours would be dropped unseen.
                LOG.log(System.Logger.Level.WARNING, "the database URL sets its own options, so the pool's sessions "
                        + "get no statement_timeout; add -c statement_timeout=" + ms + " to them");
            } else if (database.isPostgres()) {
                pool.addDataSourceProperty("options", "-c statement_timeout=" + ms);
            } else if (!url.contains("query_timeout=")) {
                pool.addDataSourceProperty("QUERY_TIMEOUT", Long.toString(ms));
            }
        }
        return new HikariDataSource(pool);
    }

    /**
     * Hibernate mapping the schema's entities and the system tables, with DataFn's settings.
     *
     * @param namespaces answers the namespace of each session as Hibernate builds it
     */
    static HibernatePersistenceConfiguration configuration(HikariDataSource dataSource, Schema schema,
            Collection<Class<?>> systemEntities, Map<String, Object> hibernateProperties,
            CurrentTenantIdentifierResolver<Object> namespaces) {
        List<Class<?>> entities = new ArrayList<>(systemEntities);
        for (ResourceSchema r : schema.resources()) {
            entities.add(r.entityClass());
            r.relations().stream().map(RelationSchema::linkEntity).filter(java.util.Objects::nonNull)
                    .forEach(entities::add);
        }
        HibernatePersistenceConfiguration configuration = new HibernatePersistenceConfiguration("datafn");
        hibernateProperties.forEach(configuration::property);
        return configuration
                .managedClasses(entities)
                .property("jakarta.persistence.nonJtaDataSource", dataSource)
                .property("hibernate.connection.provider_disables_autocommit", "true")
                .property("hibernate.tenant_identifier_resolver", namespaces)
                // Loads the many-many id lists of a whole page in one statement per relation.
                .property("hibernate.default_batch_fetch_size", "256")
                .property("hibernate.jdbc.batch_size", "50")
                .property("hibernate.order_inserts", "true")
                .property("hibernate.order_updates", "true")
                .property("hibernate.query.fail_on_pagination_over_collection_fetch", "true")
                // Every DFQL query is a Criteria query; without this Hibernate translates each anew.
                .property("hibernate.criteria.plan_cache_enabled", "true")
                // An id list of each new length was a new statement to translate and cache (a third of the
                // search indexer's time): padded to the next power of two, a few shapes serve every length.
                .property("hibernate.query.in_clause_parameter_padding", "true");
    }

    /** Registers the SQL functions DataFn's H2 statements call: {@link LikeMatcher}. */
    static void registerH2Functions(HikariDataSource dataSource) {
        try (java.sql.Connection connection = dataSource.getConnection();
             java.sql.Statement statement = connection.createStatement()) {
            statement.execute(LikeMatcher.H2_REGISTRATION);
            connection.commit();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot register DataFn's functions on H2", e);
        }
    }
}
