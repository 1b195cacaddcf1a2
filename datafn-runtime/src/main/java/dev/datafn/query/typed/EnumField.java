package dev.datafn.query.typed;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Handle on an enum field of resource {@code R}: equality only (constants have no order the engine
 * compares), sortable by the stored name. Constants go on the wire as their names.
 *
 * @param <R> the record type of the resource
 * @param <E> the enum type
 */
public final class EnumField<R, E extends Enum<E>> extends ValueField<R, E> {

    /**
     * @param name     the field name on the wire
     * @param enumType the enum type
     */
    public EnumField(String name, Class<E> enumType) {
        super(name, enumType);
    }

    /** @return the enum type, the same as {@link #valueType()} */
    public Class<E> enumType() {
        return valueType();
    }

    @Override
    public JsonNode toWire(E value) {
        return WireValues.constant(value);
    }
}
