package dev.datafn.processor.collect;

import dev.datafn.processor.model.FieldType;

/** What a record component's Java type maps to. */
sealed interface TypeMapping {

    /**
     * A type with a column of its own.
     *
     * @param type      the field type
     * @param primitive the component is a primitive, so never null and zero by default
     */
    record Mapped(FieldType type, boolean primitive) implements TypeMapping {
    }

    /** {@code List<String>}: valid only as the ids of a many-many or one-many relation. */
    record StringList() implements TypeMapping {
    }

    /** Anything else. */
    record Unsupported() implements TypeMapping {
    }
}
