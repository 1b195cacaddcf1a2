package dev.datafn.processor.generate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datafn.processor.json.JsonReader;
import dev.datafn.processor.json.JsonValue;
import dev.datafn.processor.support.CompiledFixture;
import dev.datafn.processor.support.Goldens;
import org.junit.jupiter.api.Test;

/** {@code META-INF/datafn/schema.json} of the fixture. */
class SchemaJsonTest {

    private static String schemaJson() {
        return CompiledFixture.output().text(SchemaJson.PATH);
    }

    @Test
    void todoFixture() {
        Goldens.assertMatches(SchemaJsonTest.class, "todoFixture", "schema.json", schemaJson());
    }

    @Test
    void isValidJsonListingResourcesByName() throws Exception {
        JsonValue.JsonObject root = (JsonValue.JsonObject) JsonReader.parse(schemaJson());
        JsonValue.JsonArray resources = (JsonValue.JsonArray) root.members().get("resources");

        assertThat(resources.items()).extracting(r -> ((JsonValue.JsonObject) r).members().get("name"))
                .containsExactly(new JsonValue.JsonString("projects"), new JsonValue.JsonString("tags"),
                        new JsonValue.JsonString("todos"));
    }
}
