package dev.datafn.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.datafn.json.Json;
import org.junit.jupiter.api.Test;

/** The canonical form and cache key of DFQL queries. */
class DfqlTest {

    private static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void keysAreSortedAtEveryDepth() {
        assertThat(Dfql.key(json("""
                {"version": 1, "resource": "todos", "filters": {"priority": {"lte": 5, "gte": 3}, "completed": false}}""")))
                .isEqualTo("{\"filters\":{\"completed\":false,\"priority\":{\"gte\":3,\"lte\":5}},"
                        + "\"resource\":\"todos\",\"version\":1}");
    }

    @Test
    void nullMembersAreDroppedButArraysKeepTheirOrderAndItems() {
        assertThat(Dfql.key(json("""
                {"resource": "todos", "cursor": null, "sort": ["b:asc", "a:desc"], "filters": {"$or": [{"b": 1}, {"a": null}]}}""")))
                .isEqualTo("{\"filters\":{\"$or\":[{\"b\":1},{}]},\"resource\":\"todos\",\"sort\":[\"b:asc\",\"a:desc\"]}");
        assertThat(Dfql.key(json("[null, 1]"))).isEqualTo("[null,1]");
    }

    @Test
    void numbersHaveOneSpelling() {
        assertThat(Dfql.key(json("{\"a\": 3.0, \"b\": 2.50, \"c\": 3, \"d\": 1E+2, \"e\": -0.125}")))
                .isEqualTo("{\"a\":3,\"b\":2.5,\"c\":3,\"d\":100,\"e\":-0.125}");
    }

    @Test
    void sameMeaningSameKeyAndTheInputIsNotChanged() {
        JsonNode a = json("{\"resource\": \"todos\", \"version\": 1, \"limit\": 20, \"offset\": null}");
        JsonNode b = json("{\"limit\": 20.0, \"version\": 1, \"resource\": \"todos\"}");
        String before = a.toString();

        assertThat(Dfql.key(a)).isEqualTo(Dfql.key(b));
        assertThat(Dfql.normalize(a)).isEqualTo(Dfql.normalize(b));
        assertThat(a.toString()).isEqualTo(before);
        assertThat(Dfql.key(json("{\"limit\": 21}"))).isNotEqualTo(Dfql.key(json("{\"limit\": 20}")));
    }
}
