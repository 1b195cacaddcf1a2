package dev.datafn.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.datafn.error.DataFnException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The key-value resource every schema gets after validation, and the refusal of a resource taking its name. */
class BuiltInResourcesTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Test
    void everySchemaHasTheKeyValueResourceBesideItsOwn() {
        Schema schema = TestSchemas.notes();

        assertThat(schema.resources()).extracting(ResourceSchema::name).containsExactly("kv", "notes");
        ResourceSchema kv = schema.resource("kv").orElseThrow();
        assertThat(kv).isEqualTo(BuiltInResources.KV_RESOURCE);
        assertThat(kv.idField().name()).isEqualTo("id");
        assertThat(kv.field("value").orElseThrow().type()).isEqualTo(FieldType.JSON);
        assertThat(kv.policy()).isEqualTo(ResourcePolicy.of("anyone", "anyone"));
        assertThat(SchemaJson.resource(kv).toString()).isEqualTo("{\"name\":\"kv\",\"version\":1,\"idPrefix\":\"kv\","
                + "\"fields\":[{\"name\":\"id\",\"type\":\"string\",\"required\":true,\"unique\":true},"
                + "{\"name\":\"value\",\"type\":\"json\",\"required\":true}],\"relations\":[],\"indexes\":[]}");
    }

    @Test
    void aSchemaRebuiltFromAnotherSchemasResourcesKeepsOneKeyValueResource() {
        Schema schema = TestSchemas.notes();

        Schema again = Schema.of(schema.resources());

        assertThat(again.resources()).extracting(ResourceSchema::name).containsExactly("kv", "notes");
        assertThat(again.hash()).isEqualTo(schema.hash())
                .isNotEqualTo(SchemaHash.of(List.of(TestSchemas.notesResource("notes"))));
    }

    @Test
    void theKeyValueResourceGivenBackWithAnotherPolicyIsStillTheBuiltInOne() {
        ResourcePolicy adminsOnly = ResourcePolicy.of("claim:admin", "claim:admin");
        List<ResourceSchema> reshaped = TestSchemas.notes().resources().stream()
                .map(r -> r.name().equals("kv") ? r.withPolicy(adminsOnly) : r.withPolicy(null))
                .toList();

        Schema again = Schema.of(reshaped);

        assertThat(again.resources()).extracting(ResourceSchema::name).containsExactly("kv", "notes");
        assertThat(again.resource("kv").orElseThrow().policy()).isEqualTo(adminsOnly);
    }

    @Test
    void aResourceOfItsOwnNamedKvIsRefusedByName() {
        ResourceSchema mine = TestSchemas.notesResource("kv");

        assertThatThrownBy(() -> Schema.of(List.of(mine, TestSchemas.notesResource("notes"))))
                .isInstanceOf(SchemaValidationException.class)
                .hasMessageContaining("resource 'kv': the name is taken by the built-in key-value resource");
    }

    @Test
    void aJsonFieldTakesEveryJsonValueButNull() {
        FieldSchema value = BuiltInResources.KV_RESOURCE.field("value").orElseThrow();

        for (var json : List.of(NODES.objectNode().put("a", 1), NODES.arrayNode().add(1), NODES.textNode("s"),
                NODES.numberNode(1.5), NODES.numberNode(7), NODES.booleanNode(false))) {
            assertThat(FieldValues.fromJson(value, json, "$.record.value")).as(json.toString()).isEqualTo(json);
        }
        assertThat(FieldValues.fromJson(value, NODES.nullNode(), "$.record.value")).isNull();
        assertThatThrownBy(() -> FieldValues.fromJson(value, com.fasterxml.jackson.databind.node.MissingNode
                .getInstance(), "$.record.value")).isInstanceOf(DataFnException.class);
    }
}
