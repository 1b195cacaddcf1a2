package dev.datafn.query.plan;

import dev.datafn.schema.FieldSchema;
import dev.datafn.schema.RelationSchema;
import dev.datafn.schema.ResourceSchema;
import java.util.List;

/**
 * Related records to load with each page ({@code select: ["project.*", "tags.name"]}): one batched
 * query per relation per page.
 *
 * @param relation the relation
 * @param target   the related resource
 * @param fields   the related fields to return (the id always among them)
 */
public record Expansion(RelationSchema relation, ResourceSchema target, List<FieldSchema> fields) {

    /** Copies the list. */
    public Expansion {
        fields = List.copyOf(fields);
    }
}
