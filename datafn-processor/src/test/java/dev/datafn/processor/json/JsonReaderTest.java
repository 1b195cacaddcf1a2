package dev.datafn.processor.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonReaderTest {

    @Test
    void readsEveryKindOfValue() throws Exception {
        JsonValue value = JsonReader.parse(" {\"a\": [1, -2.5e3, true, false, null], \"b\": {\"c\": \"d\"}} ");

        assertThat(value).isEqualTo(new JsonValue.JsonObject(Map.of(
                "a", new JsonValue.JsonArray(List.of(new JsonValue.JsonNumber("1"), new JsonValue.JsonNumber("-2.5e3"),
                        new JsonValue.JsonBoolean(true), new JsonValue.JsonBoolean(false), new JsonValue.JsonNull())),
                "b", new JsonValue.JsonObject(Map.of("c", new JsonValue.JsonString("d"))))));
    }

    @Test
    void unescapesStrings() throws Exception {
        assertThat(JsonReader.parse("\"q\\\"b\\\\s\\/n\\nt\\tu\\u00e9\""))
                .isEqualTo(new JsonValue.JsonString("q\"b\\s/n\nt\tu\u00e9"));
    }

    @Test
    void keepsMemberOrder() throws Exception {
        JsonValue.JsonObject object = (JsonValue.JsonObject) JsonReader.parse("{\"z\": 1, \"a\": 2, \"m\": 3}");

        assertThat(object.members().keySet()).containsExactly("z", "a", "m");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "red", "01", "1.", "-", "[1,]", "{\"a\" 1}", "\"open", "{} {}", "tru", "\"\\x\"",
            "'single'", "{a: 1}", "\"tab\there\""})
    void rejectsWhatIsNotJson(String text) {
        assertThatThrownBy(() -> JsonReader.parse(text)).isInstanceOf(JsonSyntaxException.class)
                .hasMessageContaining("at offset");
    }
}
