package dev.datafn.mutation;

import java.util.Arrays;
import java.util.Optional;

/** A mutation operation, with its wire name. */
public enum Operation {
    /** Creates a record; the id is generated when absent. Fails with CONFLICT when the id exists. */
    INSERT("insert"),
    /** Changes the fields present in {@code record}; absent fields keep their value, null clears one. */
    MERGE("merge"),
    /** Removes a record. */
    DELETE("delete");

    private final String wireName;

    Operation(String wireName) {
        this.wireName = wireName;
    }

    /** @return the name on the wire and in the change log */
    public String wireName() {
        return wireName;
    }

    /** @param name a wire name @return the operation, if this server has it */
    public static Optional<Operation> fromWire(String name) {
        return Arrays.stream(values()).filter(o -> o.wireName.equals(name)).findFirst();
    }
}
