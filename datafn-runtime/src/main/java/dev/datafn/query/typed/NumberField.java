package dev.datafn.query.typed;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Handle on a numeric field of resource {@code R}: equality and order, with operands of the field's own
 * number type.
 *
 * @param <R> the record type of the resource
 * @param <N> the Java number type: {@code Integer}, {@code Long}, {@code Double} or {@code BigDecimal}
 */
public final class NumberField<R, N extends Number> extends RangeField<R, N> {

    /**
     * @param name       the field name on the wire
     * @param numberType the Java number type
     */
    public NumberField(String name, Class<N> numberType) {
        super(name, numberType);
    }

    /** @return the Java number type, the same as {@link #valueType()} */
    public Class<N> numberType() {
        return valueType();
    }

    @Override
    public JsonNode toWire(N value) {
        return WireValues.number(value);
    }
}
