package dev.datafn.schema;

import java.util.List;

/**
 * A declared database index over fields of one resource (always led by the namespace column).
 *
 * @param name   the index name
 * @param fields the indexed fields, in order
 */
public record IndexSchema(String name, List<String> fields) {

    /** Copies the field list. */
    public IndexSchema {
        fields = List.copyOf(fields);
    }
}
