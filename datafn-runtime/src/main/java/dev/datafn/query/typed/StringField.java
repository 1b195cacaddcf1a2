package dev.datafn.query.typed;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Handle on a text field ({@code String}) of resource {@code R}: equality, order, and the pattern
 * operators. Patterns of {@code like}/{@code ilike} use SQL wildcards ({@code %}, {@code _}); the
 * prefix and suffix operators take plain text.
 *
 * @param <R> the record type of the resource
 */
public final class StringField<R> extends RangeField<R, String> {

    /** @param name the field name on the wire */
    public StringField(String name) {
        super(name, String.class);
    }

    @Override
    public JsonNode toWire(String value) {
        return WireValues.text(value);
    }

    /** @param pattern e.g. {@code "%milk%"} @return {@code {"field": {"like": pattern}}}, case-sensitive */
    public Criterion<R> like(String pattern) {
        return test("like", WireValues.text(pattern));
    }

    /** @param pattern e.g. {@code "%milk%"} @return {@code {"field": {"ilike": pattern}}}, case-insensitive */
    public Criterion<R> ilike(String pattern) {
        return test("ilike", WireValues.text(pattern));
    }

    /** @param prefix plain text @return {@code {"field": {"startswith": prefix}}} */
    public Criterion<R> startsWith(String prefix) {
        return test("startswith", WireValues.text(prefix));
    }

    /** @param suffix plain text @return {@code {"field": {"endswith": suffix}}} */
    public Criterion<R> endsWith(String suffix) {
        return test("endswith", WireValues.text(suffix));
    }

    /** @param prefix plain text @return {@code {"field": {"istartswith": prefix}}}, case-insensitive */
    public Criterion<R> iStartsWith(String prefix) {
        return test("istartswith", WireValues.text(prefix));
    }

    /** @param suffix plain text @return {@code {"field": {"iendswith": suffix}}}, case-insensitive */
    public Criterion<R> iEndsWith(String suffix) {
        return test("iendswith", WireValues.text(suffix));
    }
}
