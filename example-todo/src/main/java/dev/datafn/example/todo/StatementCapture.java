package dev.datafn.example.todo;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import org.hibernate.engine.jdbc.connections.spi.ConnectionProvider;

/**
 * Hibernate's connections for an engine whose statements are to be looked at: one physical connection to the
 * database, handed to one session at a time, that remembers every prepared statement it executes with the values
 * bound to it. A statement inspector sees only the SQL text; this sees what the database received, so the
 * statements can be explained with their values ({@link CapturedStatement}) or the connection's own
 * server-side state read ({@link #onConnection}). Give it to the engine with
 * {@code DataFn.builder().hibernateProperty("hibernate.connection.provider_class", capture)}.
 */
final class StatementCapture implements ConnectionProvider, AutoCloseable {

    /** What a caller does with the physical connection. */
    @FunctionalInterface
    interface ConnectionWork<T> {
        /**
         * @param connection the connection the engine's statements ran on
         * @return the work's answer
         * @throws SQLException when the database fails
         */
        T run(Connection connection) throws SQLException;
    }

    private final Connection physical;
    private final Semaphore turn = new Semaphore(1);
    private final List<CapturedStatement> captured = new ArrayList<>();

    /**
     * @param jdbcUrl  the database's URL
     * @param user     the user
     * @param password the password
     * @throws SQLException when the database cannot be reached
     */
    StatementCapture(String jdbcUrl, String user, String password) throws SQLException {
        physical = DriverManager.getConnection(jdbcUrl, user, password);
        // The engine's pool hands out connections with auto-commit off, and the engine relies on it.
        physical.setAutoCommit(false);
    }

    /** @return the statements executed since the last call, and forgets them */
    List<CapturedStatement> drain() {
        synchronized (captured) {
            List<CapturedStatement> out = List.copyOf(captured);
            captured.clear();
            return out;
        }
    }

    /**
     * Runs work on the connection the engine's statements ran on, between the engine's sessions.
     *
     * @param work what to do
     * @param <T>  its answer
     * @return the work's answer
     * @throws SQLException when the database fails
     */
    <T> T onConnection(ConnectionWork<T> work) throws SQLException {
        turn.acquireUninterruptibly();
        try {
            return work.run(physical);
        } finally {
            physical.rollback();
            turn.release();
        }
    }

    @Override
    public Connection getConnection() {
        turn.acquireUninterruptibly();
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                new Recorded(physical, null));
    }

    @Override
    public void closeConnection(Connection connection) throws SQLException {
        try {
            physical.rollback();
        } finally {
            turn.release();
        }
    }

    @Override
    public boolean supportsAggressiveRelease() {
        return false;
    }

    @Override
    public boolean isUnwrappableAs(Class<?> type) {
        return type.isInstance(this);
    }

    @Override
    public <T> T unwrap(Class<T> type) {
        return type.cast(this);
    }

    /** Closes the physical connection. */
    @Override
    public void close() throws SQLException {
        physical.close();
    }

    /**
     * Forwards every call to the real connection or statement; a prepared statement made through it remembers
     * its {@code setXxx} calls and is captured when it executes.
     */
    private final class Recorded implements InvocationHandler {

        private final Object target;
        private final String sql;
        private final List<CapturedStatement.Binding> bindings = new ArrayList<>();

        Recorded(Object target, String sql) {
            this.target = target;
            this.sql = sql;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            if (sql != null && name.startsWith("set") && args != null && args.length >= 2
                    && args[0] instanceof Integer && method.getParameterTypes()[0] == int.class) {
                bindings.add(new CapturedStatement.Binding(method, args.clone()));
            } else if (sql != null && name.equals("clearParameters")) {
                bindings.clear();
            } else if (sql != null && name.startsWith("execute") && (args == null || args.length == 0)) {
                synchronized (captured) {
                    captured.add(new CapturedStatement(sql, bindings));
                }
            }
            if (sql == null && name.equals("close")) {
                return null;
            }
            Object result;
            try {
                result = method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            if (sql == null && name.equals("prepareStatement") && result instanceof PreparedStatement statement) {
                return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {PreparedStatement.class},
                        new Recorded(statement, (String) args[0]));
            }
            return result;
        }
    }
}
