package dev.datafn.mutation;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** A mutation operation, with its wire name. The README's "Mutations" section states each one's semantics. */
public enum Operation {
    /** Creates a record; the id is generated when absent. Fails with CONFLICT when the id exists. */
    INSERT("insert"),
    /** Changes the fields present in {@code record}; absent fields keep their value, null clears one. */
    MERGE("merge"),
    /** Writes the whole record: absent fields go back to their default, or null. The record must exist. */
    REPLACE("replace"),
    /** Replaces the record with this id, or inserts it when there is none. */
    UPSERT("upsert"),
    /** Removes a record, its many-many links, and its place in other records' links. */
    DELETE("delete"),
    /** Links the record to a target through one of its relations. */
    RELATE("relate"),
    /** Removes a link between the record and a target. */
    UNRELATE("unrelate"),
    /** Replaces the metadata of an existing many-many link. */
    MODIFY_RELATION("modifyRelation");

    private final String wireName;

    Operation(String wireName) {
        this.wireName = wireName;
    }

    /** @return the name on the wire and in the change log */
    public String wireName() {
        return wireName;
    }

    /** @return whether the operation writes a relation link rather than a record's fields */
    public boolean onRelation() {
        return this == RELATE || this == UNRELATE || this == MODIFY_RELATION;
    }

    /** @return whether the operation carries the whole record, so defaults and required fields apply */
    public boolean wholeRecord() {
        return this == INSERT || this == REPLACE || this == UPSERT;
    }

    /** @param name a wire name @return the operation, if there is one by that name */
    public static Optional<Operation> fromWire(String name) {
        return Arrays.stream(values()).filter(o -> o.wireName.equals(name)).findFirst();
    }

    /** @return every wire name, for error messages */
    public static String wireNames() {
        return Arrays.stream(values()).map(Operation::wireName).collect(Collectors.joining(", "));
    }
}
