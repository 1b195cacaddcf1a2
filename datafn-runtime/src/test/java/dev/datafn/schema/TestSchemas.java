package dev.datafn.schema;

import java.util.List;

/** A small hand-built schema for tests that need no database. */
public final class TestSchemas {

    /** The record type the test resource claims; never instantiated. */
    public record Note(String id, String title, int stars, boolean done) {
    }

    private TestSchemas() {
    }

    /** @return a schema with one resource, {@code notes} */
    public static Schema notes() {
        return Schema.of(List.of(notesResource("notes")));
    }

    /** @param name the resource name @return a notes-like resource */
    public static ResourceSchema notesResource(String name) {
        return new ResourceSchema(name, 1, "nt", List.of(
                FieldSchema.builder("id", FieldType.STRING).role(FieldRole.ID).required().unique().build(),
                FieldSchema.builder("title", FieldType.STRING).required().maxLength(20).build(),
                FieldSchema.builder("stars", FieldType.INTEGER).min(0).max(5).defaultValue("0").build(),
                FieldSchema.builder("done", FieldType.BOOLEAN).defaultValue("false").build(),
                FieldSchema.builder("dueDate", FieldType.DATE).build()),
                List.of(), List.of(), Note.class, Object.class);
    }
}
