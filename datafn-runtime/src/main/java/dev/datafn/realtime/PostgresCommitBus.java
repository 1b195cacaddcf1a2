package dev.datafn.realtime;

import dev.datafn.db.Database;
import dev.datafn.mutation.write.CommittedWrite;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Carries committed writes between the instances that share a PostgreSQL database with its own
 * {@code LISTEN/NOTIFY}: no infrastructure beyond the database. Each instance holds two connections of its
 * own, outside the engine's pool: one {@code LISTEN}s on the channel ({@code datafn_commits} by default) and
 * hears every instance's writes, one sends this instance's with {@code pg_notify} from a publisher thread
 * (see {@link Publisher}: a writer only queues). Both connect again with a backoff when they drop.
 *
 * <p>PostgreSQL delivers one session's notifications in the order they committed, so an instance's writes of
 * a namespace arrive everywhere in the order it published them. A payload is limited to 8000 bytes: a write
 * that changed too many resources to list travels without them and is heard as a write to every resource
 * (see {@link CommitMessage}). Notifications sent while an instance's listening connection is down are lost
 * to it; its clients catch up at the next cursor. The connections carry the {@code application_name}
 * {@link #applicationName()}, so an operator can tell them apart in {@code pg_stat_activity}.
 *
 * <p>What it does like the Redis bus (the publisher, the subscription's upkeep, decoding and delivering) is
 * {@link NetworkCommitBus}'s; this class connects, sends with {@code pg_notify} and {@code LISTEN}s.
 */
public final class PostgresCommitBus implements CommitBus {

    /** The default channel. */
    public static final String DEFAULT_CHANNEL = "datafn_commits";

    private static final System.Logger LOG = System.getLogger(PostgresCommitBus.class.getName());
    private static final Pattern CHANNEL = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    /** How long a listener waits for notifications before it looks whether it was closed. */
    private static final int POLL_MS = 500;
    /** How often an idle listening connection is checked, and how long it may take to answer. */
    private static final Duration CHECK_EVERY = Duration.ofSeconds(30);
    private static final int CHECK_TIMEOUT_SECONDS = 10;

    private final Database database;
    private final String channel;
    private final String applicationName = "datafn commit bus " + UUID.randomUUID().toString().substring(0, 8);
    private final NetworkCommitBus bus;
    private volatile Connection listening;

    /**
     * Connects and starts listening on {@link #DEFAULT_CHANNEL}.
     *
     * @param database      the PostgreSQL database the instances share
     * @param everyResource what a write too large to list its resources stands for: the schema's resources
     */
    public PostgresCommitBus(Database database, Set<String> everyResource) {
        this(database, DEFAULT_CHANNEL, everyResource);
    }

    /**
     * Connects and starts listening; returns once listening (or, when the database cannot be reached, after
     * 5 s, still trying in the background).
     *
     * @param database      the PostgreSQL database the instances share
     * @param channel       the channel: a lower-case SQL identifier; instances hear each other on the same one
     * @param everyResource what a write too large to list its resources stands for: the schema's resources
     * @throws IllegalArgumentException when the database is not PostgreSQL or the channel no identifier
     */
    public PostgresCommitBus(Database database, String channel, Set<String> everyResource) {
        this.database = Objects.requireNonNull(database, "database");
        if (!database.isPostgres()) {
            throw new IllegalArgumentException("the PostgreSQL commit bus needs a PostgreSQL database, not "
                    + database.jdbcUrl());
        }
        if (!CHANNEL.matcher(channel).matches()) {
            throw new IllegalArgumentException("a commit bus channel is a lower-case SQL identifier of at most "
                    + "63 characters, not '" + channel + "'");
        }
        this.channel = channel;
        this.bus = new NetworkCommitBus("PostgreSQL commit bus", channel, everyResource,
                new NetworkCommitBus.Transport() {
                    @Override
                    public Publisher.Connection openPublishing() throws SQLException {
                        return PostgresCommitBus.this.openPublishing();
                    }

                    @Override
                    public void listen(Runnable listening, Consumer<String> heard) throws SQLException {
                        PostgresCommitBus.this.listen(listening, heard);
                    }

                    @Override
                    public void stopListening() {
                        closeListening();
                    }
                });
        bus.start();
    }

    /** @return the {@code application_name} of this bus's connections in {@code pg_stat_activity} */
    public String applicationName() {
        return applicationName;
    }

    @Override
    public void publish(CommittedWrite write) {
        bus.publish(write);
    }

    @Override
    public AutoCloseable subscribe(Consumer<CommittedWrite> listener) {
        return bus.subscribe(listener);
    }

    /** Sends what is queued, stops listening and closes both connections. */
    @Override
    public void close() {
        bus.close();
    }

    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", database.user());
        properties.setProperty("password", database.password());
        properties.setProperty("ApplicationName", applicationName);
        return DriverManager.getConnection(database.jdbcUrl(), properties);
    }

    private Publisher.Connection openPublishing() throws SQLException {
        Connection connection = connect();
        PreparedStatement notify;
        try {
            // One round trip and one transaction per batch; a function scan yields the array in its order,
            // and PostgreSQL delivers one transaction's notifications in the order they were sent.
            notify = connection.prepareStatement("SELECT pg_notify(?, payload) FROM unnest(?::text[]) AS payload");
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return new Publisher.Connection() {
            @Override
            public void send(List<String> payloads) throws SQLException {
                notify.setString(1, channel);
                notify.setArray(2, connection.createArrayOf("text", payloads.toArray()));
                notify.executeQuery().close();
            }

            @Override
            public void close() {
                try {
                    connection.close();
                } catch (SQLException e) {
                    LOG.log(Level.DEBUG, "closing the publishing connection failed", e);
                }
            }
        };
    }

    /** One listening connection's life: LISTEN, then hand each notification's payload on. */
    private void listen(Runnable listening, Consumer<String> payloads) throws SQLException {
        try (Connection connection = connect()) {
            this.listening = connection;
            if (bus.isClosed()) {
                return;
            }
            try (Statement statement = connection.createStatement()) {
                // The channel is checked to be a plain identifier: LISTEN takes no parameter.
                statement.execute("LISTEN " + channel);
            }
            listening.run();
            PGConnection notifications = connection.unwrap(PGConnection.class);
            long lastCheck = System.nanoTime();
            while (!bus.isClosed()) {
                PGNotification[] heard = notifications.getNotifications(POLL_MS);
                if (heard != null) {
                    for (PGNotification notification : heard) {
                        payloads.accept(notification.getParameter());
                    }
                }
                // Waiting for notifications sends nothing, so a server gone without closing the connection
                // (a network cut, a failover) would go unnoticed: ask now and then whether it still answers.
                if (System.nanoTime() - lastCheck > CHECK_EVERY.toNanos()) {
                    if (!bus.isClosed() && !connection.isValid(CHECK_TIMEOUT_SECONDS)) {
                        throw new SQLException("the listening connection does not answer");
                    }
                    lastCheck = System.nanoTime();
                }
            }
        } finally {
            this.listening = null;
        }
    }

    /** Closing the connection ends the wait for notifications, at the latest when the current poll returns. */
    private void closeListening() {
        Connection connection = listening;
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.log(Level.DEBUG, "closing the listening connection failed", e);
            }
        }
    }
}
