package dev.datafn.query.typed;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * A field compared by value: {@code eq}, {@code ne}, {@code in}, {@code nin}, with operands of the
 * field's Java type {@code V}, so {@code PRIORITY.eq("high")} does not compile. Fields whose values are
 * also ordered extend {@link RangeField}.
 *
 * <p>Following SQL, {@code ne} and {@code nin} do not match a record whose field is null; use
 * {@link #isNull()} for that.
 *
 * @param <R> the record type of the resource
 * @param <V> the Java type of the field's values
 */
public abstract sealed class ValueField<R, V> extends FieldHandle<R> implements ScalarField<R, V>
        permits RangeField, EnumField {

    private final Class<V> valueType;

    ValueField(String name, Class<V> valueType) {
        super(name);
        this.valueType = Objects.requireNonNull(valueType, "valueType");
    }

    @Override
    public final Class<V> valueType() {
        return valueType;
    }

    @Override
    public abstract JsonNode toWire(V value);

    /** @param value the value @return {@code {"field": {"eq": value}}} */
    public final Criterion<R> eq(V value) {
        return test("eq", toWire(WireValues.present(value)));
    }

    /** @param value the value @return {@code {"field": {"ne": value}}} */
    public final Criterion<R> ne(V value) {
        return test("ne", toWire(WireValues.present(value)));
    }

    /** @param values the values; none matches nothing @return {@code {"field": {"in": [values]}}} */
    @SafeVarargs
    public final Criterion<R> in(V... values) {
        List<V> list = new ArrayList<>(values.length);
        for (V value : values) {
            list.add(value);
        }
        return in(list);
    }

    /** @param values the values @return {@code {"field": {"in": [values]}}}; an empty list matches nothing */
    public final Criterion<R> in(Collection<? extends V> values) {
        return test("in", WireValues.array(values, this::toWire));
    }

    /** @param values the values @return {@code {"field": {"nin": [values]}}} */
    @SafeVarargs
    public final Criterion<R> nin(V... values) {
        List<V> list = new ArrayList<>(values.length);
        for (V value : values) {
            list.add(value);
        }
        return nin(list);
    }

    /** @param values the values @return {@code {"field": {"nin": [values]}}}; an empty list matches every value */
    public final Criterion<R> nin(Collection<? extends V> values) {
        return test("nin", WireValues.array(values, this::toWire));
    }
}
