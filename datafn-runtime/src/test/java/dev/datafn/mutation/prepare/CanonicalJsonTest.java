package dev.datafn.mutation.prepare;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.datafn.json.Json;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Stored idempotency records hold the hash of this text, so it must stay byte for byte what it was: here
 * against the first way it was written, key by key and value by value.
 */
class CanonicalJsonTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "{}",
        "[]",
        "{\"title\": \"t\", \"priority\": 3, \"completed\": false, \"dueDate\": null}",
        "{\"b\": {\"z\": [1, 2.5, -0.0, 1e3, 12345678901234567890123], \"a\": {}}, \"a\": [{\"y\": 1, \"x\": 2}]}",
        "{\"amount\": 1.50, \"tiny\": 1E-20, \"big\": 1.0E+30, \"int\": 9223372036854775807}",
        "{\"é\": \"naïve ☃ \\ud83d\\ude00\", \"Z\": \"quote \\\" backslash \\\\ tab \\t nl \\n ctl \\u0001 ls \\u2028\"}",
        "{\"\": \"\", \"a b\": \" \", \"10\": 1, \"9\": 2, \"_\": true}",
        "\"just a string\"",
        "42"})
    void writesWhatTheKeyByKeyWriterWrote(String json) throws Exception {
        JsonNode node = Json.MAPPER.readTree(json);
        assertThat(CanonicalJson.write(node)).isEqualTo(keyByKey(node));
    }

    /** The writer stored hashes were first made with. */
    private static String keyByKey(JsonNode node) {
        StringBuilder out = new StringBuilder();
        keyByKey(node, out);
        return out.toString();
    }

    private static void keyByKey(JsonNode node, StringBuilder out) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            Collections.sort(names);
            out.append('{');
            for (int i = 0; i < names.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(TextNode.valueOf(names.get(i))).append(':');
                keyByKey(node.get(names.get(i)), out);
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                keyByKey(node.get(i), out);
            }
            out.append(']');
        } else {
            out.append(node);
        }
    }
}
