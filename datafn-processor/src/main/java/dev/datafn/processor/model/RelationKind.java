package dev.datafn.processor.model;

/** The cardinality of a relation; names match the runtime's {@code dev.datafn.schema.RelationKind} constants. */
public enum RelationKind {
    /** This resource holds the target's id in a string field. */
    MANY_ONE("many-one"),
    /** The target holds this resource's id; nothing is stored on this side. */
    ONE_MANY("one-many"),
    /** Both sides have many; this side's ids live in a link table. */
    MANY_MANY("many-many");

    private final String wireName;

    RelationKind(String wireName) {
        this.wireName = wireName;
    }

    /** @return the kind's name in {@code schema.json} */
    public String wireName() {
        return wireName;
    }
}
