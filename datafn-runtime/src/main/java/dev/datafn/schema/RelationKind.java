package dev.datafn.schema;

/** The cardinality of a relation, seen from the resource that declares it. */
public enum RelationKind {
    /** This resource holds the target's id in a field. */
    MANY_ONE("many-one"),
    /** The target holds this resource's id (the inverse side of a many-one). */
    ONE_MANY("one-many"),
    /** Both sides have many; the links live in a link table. */
    MANY_MANY("many-many");

    private final String wireName;

    RelationKind(String wireName) {
        this.wireName = wireName;
    }

    /** The kind's name in {@code schema.json}. */
    public String wireName() {
        return wireName;
    }
}
