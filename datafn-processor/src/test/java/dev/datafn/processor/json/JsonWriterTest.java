package dev.datafn.processor.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonWriterTest {

    @Test
    void prettyPrintsWithTwoSpacesAndScalarArraysOnOneLine() {
        Map<String, JsonValue> members = new LinkedHashMap<>();
        members.put("name", new JsonValue.JsonString("todos"));
        members.put("fields", new JsonValue.JsonArray(List.of(new JsonValue.JsonString("a"),
                new JsonValue.JsonString("b"))));
        members.put("nested", new JsonValue.JsonArray(List.of(new JsonValue.JsonObject(Map.of(
                "ok", new JsonValue.JsonBoolean(true))))));
        members.put("empty", new JsonValue.JsonArray(List.of()));
        members.put("none", new JsonValue.JsonObject(Map.of()));

        assertThat(JsonWriter.write(new JsonValue.JsonObject(members))).isEqualTo("""
                {
                  "name": "todos",
                  "fields": ["a", "b"],
                  "nested": [
                    {
                      "ok": true
                    }
                  ],
                  "empty": [],
                  "none": {}
                }
                """);
    }

    @Test
    void escapesQuotesBackslashesAndControlCharacters() {
        assertThat(JsonWriter.quote("say \"hi\"\\ \n\t\u0001 é")).isEqualTo("\"say \\\"hi\\\"\\\\ \\n\\t\\u0001 é\"");
    }

    @Test
    void writtenStringsReadBackUnchanged() throws Exception {
        String tricky = "^[a-z]+\\d{2}\"$\u001f\r\n";

        assertThat(JsonReader.parse(JsonWriter.quote(tricky))).isEqualTo(new JsonValue.JsonString(tricky));
    }

    @Test
    void wholeNumbersHaveNoFraction() {
        assertThat(JsonValue.JsonNumber.of(5.0).text()).isEqualTo("5");
        assertThat(JsonValue.JsonNumber.of(-0.25).text()).isEqualTo("-0.25");
        assertThat(JsonValue.JsonNumber.of(1e20).text()).isEqualTo("1.0E20");
    }
}
