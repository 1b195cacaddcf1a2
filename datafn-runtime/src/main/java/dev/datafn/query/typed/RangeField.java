package dev.datafn.query.typed;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * A field whose values are ordered (text, numbers, dates, date-times): besides the equality operators
 * it has {@code gt}, {@code gte}, {@code lt}, {@code lte} and {@code between}.
 *
 * @param <R> the record type of the resource
 * @param <V> the Java type of the field's values
 */
public abstract sealed class RangeField<R, V> extends ValueField<R, V>
        permits StringField, NumberField, DateField, DateTimeField {

    RangeField(String name, Class<V> valueType) {
        super(name, valueType);
    }

    /** @param value the bound @return {@code {"field": {"gt": value}}} */
    public final Criterion<R> gt(V value) {
        return test("gt", toWire(WireValues.present(value)));
    }

    /** @param value the bound @return {@code {"field": {"gte": value}}} */
    public final Criterion<R> gte(V value) {
        return test("gte", toWire(WireValues.present(value)));
    }

    /** @param value the bound @return {@code {"field": {"lt": value}}} */
    public final Criterion<R> lt(V value) {
        return test("lt", toWire(WireValues.present(value)));
    }

    /** @param value the bound @return {@code {"field": {"lte": value}}} */
    public final Criterion<R> lte(V value) {
        return test("lte", toWire(WireValues.present(value)));
    }

    /**
     * @param low  the lower bound, included
     * @param high the upper bound, included
     * @return {@code {"field": {"between": [low, high]}}}
     */
    public final Criterion<R> between(V low, V high) {
        ArrayNode bounds = JsonNodeFactory.instance.arrayNode();
        bounds.add(toWire(WireValues.present(low)));
        bounds.add(toWire(WireValues.present(high)));
        return test("between", bounds);
    }
}
