package dev.datafn.query.typed;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.datafn.schema.RelationKind;
import java.util.Objects;

/**
 * Handle on a relation from resource {@code R} to resource {@code T}: it filters by related records,
 * tests a many-many id list, and names the relation to expand in a query's result.
 *
 * <p>A relation filter is a criterion on the target resource moved under the relation's name, so its
 * keys become dotted paths: {@code TodoFields.PROJECT.where(ProjectFields.NAME.eq("Home"))} renders
 * {@code {"project.name": {"eq": "Home"}}}, and combined criteria keep their shape with every key
 * prefixed ({@code {"$or": [{"project.name": ...}, {"project.archived": ...}]}}). Relations chain:
 * a criterion that is itself a relation filter on the target gives {@code "project.owner.name"}.
 *
 * @param <R> the record type of the declaring resource
 * @param <T> the record type of the target resource
 */
public final class RelationHandle<R, T> {

    private final String name;
    private final RelationKind kind;
    private final Class<T> target;
    private final String idField;

    /**
     * @param name    the relation name in DFQL
     * @param kind    the cardinality
     * @param target  the target record type
     * @param idField the field of the declaring resource that holds the target ids ({@code projectId} for
     *                a many-one relation, {@code tags} for a many-many one), or {@code null} for a one-many
     *                relation, whose ids live on the target
     * @throws IllegalArgumentException when a many-one or many-many relation has no id field
     */
    public RelationHandle(String name, RelationKind kind, Class<T> target, String idField) {
        this.name = Objects.requireNonNull(name, "name");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.target = Objects.requireNonNull(target, "target");
        if (idField == null && kind != RelationKind.ONE_MANY) {
            throw new IllegalArgumentException("a " + kind.wireName() + " relation names the field holding its ids");
        }
        this.idField = idField;
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

    /** @return the declaring resource's field holding the target ids, or {@code null} for a one-many relation */
    public String idField() {
        return idField;
    }

    /**
     * @param criterion a criterion on the target resource
     * @return the criterion on the declaring resource, keys under the relation: {@code {"project.name": ...}}
     */
    public Criterion<R> where(Criterion<T> criterion) {
        return Criteria.under(name, Objects.requireNonNull(criterion, "criterion"));
    }

    /**
     * Tests a many-many id list for one target id.
     *
     * @param targetId the id of a target record
     * @return {@code {"tags": {"contains": targetId}}}, keyed by the id list field
     * @throws IllegalStateException when the relation is not many-many: other relations hold no id list here
     */
    public Criterion<R> contains(String targetId) {
        if (kind != RelationKind.MANY_MANY) {
            throw new IllegalStateException("contains tests a many-many id list; relation '" + name + "' is "
                    + kind.wireName() + ": filter it with where(...)");
        }
        return new Criteria.Test<>(idField, "contains",
                JsonNodeFactory.instance.textNode(WireValues.present(targetId)));
    }

    @Override
    public String toString() {
        return "RelationHandle(" + name + ")";
    }
}
