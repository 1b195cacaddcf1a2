package dev.datafn.query.typed;

/**
 * Handle on an enum field of resource {@code R}.
 *
 * @param <R> the record type of the resource
 * @param <E> the enum type
 */
public final class EnumField<R, E extends Enum<E>> extends FieldHandle<R> {

    private final Class<E> enumType;

    /**
     * @param name     the field name on the wire
     * @param enumType the enum type
     */
    public EnumField(String name, Class<E> enumType) {
        super(name);
        this.enumType = enumType;
    }

    /** @return the enum type */
    public Class<E> enumType() {
        return enumType;
    }
}
