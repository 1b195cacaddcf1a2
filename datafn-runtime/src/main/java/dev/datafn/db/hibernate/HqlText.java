package dev.datafn.db.hibernate;

import java.util.ArrayList;
import java.util.List;
import org.hibernate.SharedSessionContract;
import org.hibernate.query.SelectionQuery;

/**
 * An HQL statement being written, with its values kept apart as numbered parameters. The text depends on
 * the query's shape only, never on its values, so Hibernate's query plan cache translates each shape
 * once, and the database's prepared statement of that shape is reused.
 *
 * <p>Every statement names its namespace itself: parameter {@code ?1} holds it, and each entity the statement
 * reads is tested against it ({@link #inNamespace}). Hibernate's own tenant restriction is a filter, and a
 * session with a filter enabled translates every statement anew instead of taking the cached translation.
 * Lists are bound one parameter per value ({@link #values}), never as one list parameter, for the same
 * reason: a list parameter makes Hibernate translate the statement at every execution.
 */
final class HqlText {

    private final StringBuilder text = new StringBuilder(256);
    private final List<Object> values = new ArrayList<>();

    /** @param namespace the namespace every entity read must belong to, bound as {@code ?1} */
    HqlText(String namespace) {
        values.add(namespace);
    }

    /**
     * @param session a session opened in a namespace
     * @return a statement confined to the session's namespace
     */
    static HqlText in(SharedSessionContract session) {
        return new HqlText((String) session.getTenantIdentifierValue());
    }

    /**
     * Appends the test that an entity belongs to the statement's namespace.
     *
     * @param alias the entity's alias
     * @return this
     */
    HqlText inNamespace(String alias) {
        text.append(alias).append(".namespace = ?1");
        return this;
    }

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
     * Appends a parenthesized list of parameters holding the values, for {@code in}. The number of
     * placeholders is the next power of two, the last value repeated to fill them: a list of any length is
     * one of a few statement texts, each translated and prepared once, and a repeated value matches
     * nothing more ({@code x in (a, b, b)} is {@code x in (a, b)}, and so is {@code not in}). There are at
     * least two: Hibernate takes a lone parameter in parentheses for a list parameter, whose statements it
     * translates at every execution.
     *
     * @param list the values, at least one
     * @return this
     */
    HqlText values(List<?> list) {
        if (list.isEmpty()) {
            throw new IllegalArgumentException("an empty value list has no statement text");
        }
        int slots = 2;
        while (slots < list.size()) {
            slots *= 2;
        }
        text.append('(');
        for (int i = 0; i < slots; i++) {
            text.append(i == 0 ? "" : ", ").append(placeholder(list.get(Math.min(i, list.size() - 1))));
        }
        text.append(')');
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
