package dev.datafn.schema;

import dev.datafn.internal.LinkRow;
import java.util.Objects;

/**
 * One relation of a resource.
 *
 * @param name    the relation name in DFQL, e.g. {@code project} or {@code tags}
 * @param target  the target resource's name
 * @param kind    the cardinality
 * @param field   the field holding the target ids ({@code projectId}, {@code tags}); for
 *                {@link RelationKind#ONE_MANY}, the many-one field on the target that points back
 * @param inverse    the name of the inverse relation on the target, or {@code null}
 * @param linkEntity for a {@link RelationKind#MANY_MANY} relation declared here, the generated entity of
 *                   its link table; otherwise {@code null}
 */
public record RelationSchema(String name, String target, RelationKind kind, String field, String inverse,
        Class<? extends LinkRow> linkEntity) {

    /** Checks the mandatory parts. */
    public RelationSchema {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(field, "field");
    }

    /**
     * A relation without a link entity of its own (many-one, one-many).
     *
     * @param name    the relation name
     * @param target  the target resource's name
     * @param kind    the cardinality
     * @param field   the field holding the target ids
     * @param inverse the inverse relation's name, or {@code null}
     */
    public RelationSchema(String name, String target, RelationKind kind, String field, String inverse) {
        this(name, target, kind, field, inverse, null);
    }
}
