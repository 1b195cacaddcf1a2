package dev.datafn.query.typed;

/**
 * Handle on a numeric field of resource {@code R}.
 *
 * @param <R> the record type of the resource
 * @param <N> the Java number type: {@code Integer}, {@code Long}, {@code Double} or {@code BigDecimal}
 */
public final class NumberField<R, N extends Number> extends FieldHandle<R> {

    private final Class<N> numberType;

    /**
     * @param name       the field name on the wire
     * @param numberType the Java number type
     */
    public NumberField(String name, Class<N> numberType) {
        super(name);
        this.numberType = numberType;
    }

    /** @return the Java number type */
    public Class<N> numberType() {
        return numberType;
    }
}
