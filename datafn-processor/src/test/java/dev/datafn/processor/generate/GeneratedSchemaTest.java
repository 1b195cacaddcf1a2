package dev.datafn.processor.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.datafn.internal.LinkRow;
import dev.datafn.processor.support.CompiledFixture;
import dev.datafn.processor.support.GeneratedOutput;
import dev.datafn.processor.support.TodoFixture;
import dev.datafn.schema.FieldRole;
import dev.datafn.schema.FieldSchema;
import dev.datafn.schema.FieldType;
import dev.datafn.schema.IndexSchema;
import dev.datafn.schema.RelationKind;
import dev.datafn.schema.RelationSchema;
import dev.datafn.schema.ResourceSchema;
import dev.datafn.schema.SchemaProvider;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The generated schema class, used as the runtime uses it: found by ServiceLoader, then read. */
class GeneratedSchemaTest {

    private static GeneratedOutput generated;
    private static SchemaProvider provider;

    @BeforeAll
    static void loadSchema() throws ReflectiveOperationException {
        generated = CompiledFixture.output();
        provider = (SchemaProvider) generated.load(TodoFixture.PACKAGE + ".TodoSchema").getField("INSTANCE")
                .get(null);
    }

    private static ResourceSchema resource(String name) {
        return provider.resources().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }

    private static FieldSchema field(String resource, String name) {
        return resource(resource).field(name).orElseThrow();
    }

    @Test
    void serviceLoaderFindsTheSchemaClassNamedAfterThePackage() {
        List<SchemaProvider> found = ServiceLoader.load(SchemaProvider.class, generated.classLoader()).stream()
                .map(ServiceLoader.Provider::get)
                .toList();

        assertThat(found).singleElement().extracting(p -> p.getClass().getName())
                .isEqualTo("dev.datafn.example.todo.TodoSchema");
        assertThat(generated.text("META-INF/services/dev.datafn.schema.SchemaProvider"))
                .isEqualTo("dev.datafn.example.todo.TodoSchema\n");
    }

    @Test
    void resourcesAreSortedByNameAndBuiltOnce() {
        assertThat(provider.resources()).extracting(ResourceSchema::name).containsExactly("projects", "tags", "todos");
        assertThat(provider.resources()).isSameAs(provider.resources());
        assertThat(resource("todos").version()).isEqualTo(1);
        assertThat(resource("todos").idPrefix()).isEqualTo("td");
        assertThat(resource("todos").recordClass().getName()).isEqualTo("dev.datafn.example.todo.Todo");
        assertThat(resource("todos").entityClass().getName()).isEqualTo("dev.datafn.example.todo.TodoEntity");
    }

    @Test
    void fieldsKeepRecordOrderWithTheirTypes() {
        assertThat(resource("todos").fields()).extracting(FieldSchema::name, FieldSchema::type).containsExactly(
                tuple("id", FieldType.STRING),
                tuple("title", FieldType.STRING),
                tuple("completed", FieldType.BOOLEAN),
                tuple("priority", FieldType.INTEGER),
                tuple("dueDate", FieldType.DATE),
                tuple("notes", FieldType.STRING),
                tuple("projectId", FieldType.STRING),
                tuple("tags", FieldType.ID_LIST),
                tuple("createdAt", FieldType.DATETIME),
                tuple("updatedAt", FieldType.DATETIME));
        assertThat(resource("projects").fields()).extracting(FieldSchema::type).containsExactly(
                FieldType.STRING, FieldType.STRING, FieldType.STRING, FieldType.BOOLEAN, FieldType.ENUM,
                FieldType.DECIMAL, FieldType.LONG, FieldType.NUMBER, FieldType.JSON);
    }

    @Test
    void idIsRequiredUniqueAndKeyed() {
        FieldSchema id = field("todos", "id");

        assertThat(id.role()).isEqualTo(FieldRole.ID);
        assertThat(id.required()).isTrue();
        assertThat(id.unique()).isTrue();
        assertThat(id.column()).isEqualTo("id");
        assertThat(resource("todos").idField()).isEqualTo(id);
    }

    @Test
    void constraintsAndDefaultsCarryOver() {
        FieldSchema title = field("todos", "title");
        assertThat(title.required()).isTrue();
        assertThat(title.maxLength()).isEqualTo(200);
        assertThat(title.searchable()).isTrue();
        assertThat(title.defaultValue()).isNull();

        FieldSchema priority = field("todos", "priority");
        assertThat(priority.min()).isEqualTo(0.0);
        assertThat(priority.max()).isEqualTo(5.0);
        assertThat(priority.defaultValue()).isEqualTo("0");
        assertThat(priority.required()).isFalse();

        FieldSchema color = field("projects", "color");
        assertThat(color.defaultValue()).as("a bare word becomes a JSON string").isEqualTo("\"blue\"");
        assertThat(color.pattern()).isEqualTo("[a-z]+");

        assertThat(field("projects", "name").unique()).isTrue();
        assertThat(field("projects", "level").enumValues()).containsExactly("LOW", "MEDIUM", "HIGH");
        assertThat(field("projects", "level").defaultValue()).isEqualTo("\"MEDIUM\"");
        assertThat(field("projects", "budget").min()).isEqualTo(0.0);
    }

    @Test
    void primitivesAreRequiredWithAZeroDefault() {
        assertThat(field("todos", "completed").required()).isTrue();
        assertThat(field("todos", "completed").defaultValue()).isEqualTo("false");
        assertThat(field("projects", "views").defaultValue()).isEqualTo("0");
        assertThat(field("projects", "score").defaultValue()).isEqualTo("0.0");
        assertThat(field("projects", "score").required()).isTrue();
    }

    @Test
    void timestampsHaveTheirRolesAndAreNotRequired() {
        assertThat(field("todos", "createdAt").role()).isEqualTo(FieldRole.CREATED_AT);
        assertThat(field("todos", "updatedAt").role()).isEqualTo(FieldRole.UPDATED_AT);
        assertThat(field("todos", "createdAt").required()).isFalse();
        assertThat(field("todos", "createdAt").clientWritable()).isFalse();
    }

    @Test
    void columnsAreSnakeCaseAndIdListsNameTheirLinkColumn() {
        assertThat(field("todos", "dueDate").column()).isEqualTo("due_date");
        assertThat(field("todos", "projectId").column()).isEqualTo("project_id");
        assertThat(field("todos", "tags").column()).isEqualTo("tags_id");
    }

    @Test
    void relationsAreLinkedToTheirTargets() {
        assertThat(resource("todos").relations()).containsExactly(
                new RelationSchema("project", "projects", RelationKind.MANY_ONE, "projectId", null),
                new RelationSchema("tags", "tags", RelationKind.MANY_MANY, "tags", null,
                        generated.load(TodoFixture.PACKAGE + ".TodoTagsLink").asSubclass(LinkRow.class)));
        assertThat(resource("projects").relations()).containsExactly(
                new RelationSchema("todos", "todos", RelationKind.ONE_MANY, "projectId", "project"));
        assertThat(resource("projects").field("todos")).as("a one-many relation stores nothing").isEmpty();
    }

    @Test
    void onlyManyManyRelationsNameALinkEntity() {
        assertThat(resource("todos").relation("tags").orElseThrow().linkEntity().getName())
                .isEqualTo("dev.datafn.example.todo.TodoTagsLink");
        assertThat(resource("todos").relation("project").orElseThrow().linkEntity()).isNull();
        assertThat(resource("projects").relation("todos").orElseThrow().linkEntity()).isNull();
    }

    @Test
    void declaredIndexesGetDerivedNames() {
        assertThat(resource("todos").indexes()).containsExactly(
                new IndexSchema("todos_completed_due_date_idx", List.of("completed", "dueDate")));
    }
}
