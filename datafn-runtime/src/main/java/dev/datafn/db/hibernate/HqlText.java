package dev.datafn.db.hibernate;

import java.util.ArrayList;
import java.util.List;
import org.hibernate.query.SelectionQuery;

/**
 * An HQL statement being written, with its values kept apart as numbered parameters. The text depends on
 * the query's shape only, never on its values, so Hibernate's query plan cache translates each shape
 * once, and the database's prepared statement of that shape is reused.
 */
final class HqlText {

    private final StringBuilder text = new StringBuilder(256);
    private final List<Object> values = new ArrayList<>();

    /** @param part text to append @return this */
    HqlText append(String part) {
        text.append(part);
        return this;
    }

    /** @param c a character to append @return this */
    HqlText append(char c) {
        text.append(c);
        return this;
    }

    /**
     * Appends a parameter holding a value.
     *
     * @param value the value, bound when the statement runs
     * @return this
     */
    HqlText value(Object value) {
        text.append(placeholder(value));
        return this;
    }

    /**
     * Adds a parameter holding a value without appending it, for text built apart and appended later.
     *
     * @param value the value, bound when the statement runs
     * @return the parameter's placeholder
     */
    String placeholder(Object value) {
        values.add(value);
        return "?" + values.size();
    }

    /** @return the statement so far */
    @Override
    public String toString() {
        return text.toString();
    }

    /**
     * @param query the statement created from {@link #toString}
     * @param <T>   its row type
     * @return the statement with every value bound
     */
    <T> SelectionQuery<T> bind(SelectionQuery<T> query) {
        for (int i = 0; i < values.size(); i++) {
            query.setParameter(i + 1, values.get(i));
        }
        return query;
    }
}
