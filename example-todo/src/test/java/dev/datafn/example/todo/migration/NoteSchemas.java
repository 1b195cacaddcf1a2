package dev.datafn.example.todo.migration;

import dev.datafn.schema.FieldRole;
import dev.datafn.schema.FieldSchema;
import dev.datafn.schema.FieldType;
import dev.datafn.schema.ResourcePolicy;
import dev.datafn.schema.ResourceSchema;
import dev.datafn.schema.Schema;
import java.util.ArrayList;
import java.util.List;

/** The schemas of the two note versions, as the processor generates them. */
public final class NoteSchemas {

    private NoteSchemas() {
    }

    /** @return the schema with notes of version 1: id and title */
    public static Schema version1() {
        return Schema.of(List.of(notes(NoteV1.class, NoteV1Entity.class, List.of())));
    }

    /** @return the schema with notes of version 2: version 1 plus the optional {@code pinned} */
    public static Schema version2() {
        return Schema.of(List.of(notes(NoteV2.class, NoteV2Entity.class,
                List.of(FieldSchema.builder("pinned", FieldType.BOOLEAN).build()))));
    }

    private static ResourceSchema notes(Class<? extends Record> record, Class<?> entity, List<FieldSchema> added) {
        List<FieldSchema> fields = new ArrayList<>(List.of(
                FieldSchema.builder("id", FieldType.STRING).role(FieldRole.ID).required().unique().build(),
                FieldSchema.builder("title", FieldType.STRING).required().maxLength(255).build()));
        fields.addAll(added);
        return new ResourceSchema("notes", 1, "nt", fields, List.of(), List.of(), record, entity,
                ResourcePolicy.of("anyone", "anyone"));
    }
}
