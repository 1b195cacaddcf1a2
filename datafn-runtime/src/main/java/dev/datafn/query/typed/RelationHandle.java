package dev.datafn.query.typed;

import dev.datafn.schema.RelationKind;
import java.util.Objects;

/**
 * Handle on a relation from resource {@code R} to resource {@code T}, used for relation expansion and
 * relation mutations.
 *
 * @param <R> the record type of the declaring resource
 * @param <T> the record type of the target resource
 */
public final class RelationHandle<R, T> {

    private final String name;
    private final RelationKind kind;
    private final Class<T> target;

    /**
     * @param name   the relation name in DFQL
     * @param kind   the cardinality
     * @param target the target record type
     */
    public RelationHandle(String name, RelationKind kind, Class<T> target) {
        this.name = Objects.requireNonNull(name, "name");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.target = Objects.requireNonNull(target, "target");
    }

    /** @return the relation name in DFQL */
    public String name() {
        return name;
    }

    /** @return the cardinality */
    public RelationKind kind() {
        return kind;
    }

    /** @return the target record type */
    public Class<T> target() {
        return target;
    }
}
