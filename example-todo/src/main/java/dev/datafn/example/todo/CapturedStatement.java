package dev.datafn.example.todo;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A statement as the engine sent it: its SQL text and the values it bound, which can be bound again to the same
 * SQL behind a prefix such as {@code EXPLAIN}, so the database plans exactly what it ran.
 *
 * @param sql      the SQL text with its {@code ?} parameters
 * @param bindings the parameter values, in the order they were set
 */
record CapturedStatement(String sql, List<Binding> bindings) {

    /** Copies the bindings. */
    CapturedStatement {
        bindings = List.copyOf(bindings);
    }

    /**
     * One {@code setXxx(index, value, ...)} call on the statement.
     *
     * @param setter    the {@link PreparedStatement} method called
     * @param arguments its arguments, the parameter index first
     */
    record Binding(Method setter, Object[] arguments) {

        /** @return e.g. {@code $2=false} */
        @Override
        public String toString() {
            Object value = arguments.length > 1 ? arguments[1] : null;
            String shown = setter.getName().equals("setNull") ? "null"
                    : value instanceof CharSequence ? "'" + value + "'" : String.valueOf(value);
            return "$" + arguments[0] + "=" + shown;
        }
    }

    /** @return whether it reads rows (a query rather than a write or a lock) */
    boolean isSelect() {
        return sql.stripLeading().regionMatches(true, 0, "select", 0, 6)
                || sql.stripLeading().regionMatches(true, 0, "with", 0, 4);
    }

    /**
     * @param connection where to prepare it
     * @param prefix     what goes before the SQL, e.g. {@code "EXPLAIN (FORMAT JSON) "}
     * @return the statement with the captured values bound again; the caller closes it
     * @throws SQLException when the database refuses it
     */
    PreparedStatement prepare(Connection connection, String prefix) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(prefix + sql);
        try {
            for (Binding binding : bindings) {
                binding.setter().invoke(statement, binding.arguments());
            }
        } catch (IllegalAccessException e) {
            statement.close();
            throw new IllegalStateException(e);
        } catch (InvocationTargetException e) {
            statement.close();
            if (e.getCause() instanceof SQLException refused) {
                throw refused;
            }
            throw new IllegalStateException(e.getCause());
        }
        return statement;
    }

    /** The most of the SQL and of its values {@link #toString} shows: a padded IN list binds hundreds. */
    private static final int SHOWN_CHARACTERS = 400;
    private static final int SHOWN_VALUES = 12;

    /**
     * @return the SQL, then its values: {@code select ... -- $1='user:alice', $2=false}, each cut short after
     *         400 characters and 12 values, saying how much was left out
     */
    @Override
    public String toString() {
        String text = sql.length() <= SHOWN_CHARACTERS ? sql
                : sql.substring(0, SHOWN_CHARACTERS) + "... (" + (sql.length() - SHOWN_CHARACTERS) + " more characters)";
        if (bindings.isEmpty()) {
            return text;
        }
        String values = bindings.stream().limit(SHOWN_VALUES).map(Binding::toString).collect(Collectors.joining(", "));
        if (bindings.size() > SHOWN_VALUES) {
            values += ", ... (" + (bindings.size() - SHOWN_VALUES) + " more values)";
        }
        return text + "\n  -- " + values;
    }
}
