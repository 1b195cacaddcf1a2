package dev.datafn.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datafn.db.SearchHit;
import dev.datafn.json.Json;
import dev.datafn.schema.ResourceSchema;
import dev.datafn.schema.Schema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The answer of {@code POST /datafn/search}: the hits, best first, each with its record as a query reads it. */
public final class SearchResults {

    private SearchResults() {
    }

    /**
     * Reads the hits' records with one DFQL query per resource, through the caller's own query path (so its
     * read policies, field rules and plugins apply), and drops a hit whose record that query does not return:
     * deleted since, or hidden from the caller.
     *
     * @param hits   the hits, in the order to answer them
     * @param schema the schema
     * @param query  runs a DFQL query in the caller's namespace and returns its records
     * @return {@code {"results": [{"resource", "id", "score", "data"}, ...]}}
     */
    public static ObjectNode withRecords(List<SearchHit> hits, Schema schema, Function<JsonNode, List<ObjectNode>> query) {
        Map<String, List<String>> idsByResource = new LinkedHashMap<>();
        for (SearchHit hit : hits) {
            idsByResource.computeIfAbsent(hit.resource(), r -> new ArrayList<>()).add(hit.id());
        }
        Map<String, Map<String, ObjectNode>> records = new HashMap<>();
        idsByResource.forEach((resource, ids) -> {
            ResourceSchema target = schema.resource(resource).orElseThrow();
            ObjectNode dfql = Json.object();
            dfql.put("resource", resource);
            dfql.put("version", target.version());
            ArrayNode in = dfql.putObject("filters").putObject("id").putArray("in");
            ids.forEach(in::add);
            dfql.put("limit", ids.size());
            Map<String, ObjectNode> byId = new HashMap<>();
            for (ObjectNode record : query.apply(dfql)) {
                byId.put(record.path("id").asText(), record);
            }
            records.put(resource, byId);
        });
        ObjectNode result = Json.object();
        ArrayNode results = result.putArray("results");
        for (SearchHit hit : hits) {
            ObjectNode record = records.get(hit.resource()).get(hit.id());
            if (record != null) {
                ObjectNode entry = results.addObject();
                entry.put("resource", hit.resource());
                entry.put("id", hit.id());
                entry.put("score", hit.score());
                entry.set("data", record);
            }
        }
        return result;
    }
}
