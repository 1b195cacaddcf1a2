package dev.datafn.schema;

import java.util.Objects;

/**
 * One relation of a resource.
 *
 * @param name    the relation name in DFQL, e.g. {@code project} or {@code tags}
 * @param target  the target resource's name
 * @param kind    the cardinality
 * @param field   the field holding the target ids ({@code projectId}, {@code tags}); for
 *                {@link RelationKind#ONE_MANY}, the many-one field on the target that points back
 * @param inverse the name of the inverse relation on the target, or {@code null}
 */
public record RelationSchema(String name, String target, RelationKind kind, String field, String inverse) {

    /** Checks the mandatory parts. */
    public RelationSchema {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(field, "field");
    }
}
