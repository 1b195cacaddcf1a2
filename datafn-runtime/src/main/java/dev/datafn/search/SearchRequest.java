package dev.datafn.search;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datafn.access.Access;
import dev.datafn.error.DataFnException;
import dev.datafn.query.ast.TextSearch;
import dev.datafn.query.parse.SearchParser;
import dev.datafn.schema.FieldSchema;
import dev.datafn.schema.ResourceSchema;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /datafn/search}'s request (seed 001), validated before anything runs: every problem is a
 * {@code DFQL_INVALID} with the path of the member at fault.
 *
 * @param terms     what to search for
 * @param resources the resources to search, each searchable and readable by the caller
 * @param limit     the most results, across the resources
 */
public record SearchRequest(TextSearch terms, List<ResourceSchema> resources, int limit) {

    /** The results when the request gives no limit. */
    public static final int DEFAULT_LIMIT = 20;

    private static final Set<String> MEMBERS = Set.of("query", "resources", "limit", "prefix", "fuzzy", "fieldBoosts");

    /**
     * @param request    the request body
     * @param searchable the searchable resources, by name
     * @param access     what the caller may read
     * @param maxLimit   the largest limit accepted
     * @return the request
     * @throws DataFnException {@code DFQL_INVALID} naming the member at fault
     */
    public static SearchRequest parse(JsonNode request, Map<String, ResourceSchema> searchable, Access access,
            int maxLimit) {
        if (request == null || !request.isObject()) {
            throw DataFnException.invalid("", "the search request must be a JSON object");
        }
        for (Iterator<String> names = request.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!MEMBERS.contains(name)) {
                throw DataFnException.invalid(name, "unknown member '" + name + "'; a search takes " + String.join(", ",
                        new java.util.TreeSet<>(MEMBERS)));
            }
        }
        List<String> words = SearchParser.words(request.get("query"), "query");
        List<ResourceSchema> resources = resources(request.get("resources"), searchable, access);
        int limit = limit(request.get("limit"), maxLimit);
        boolean prefix = SearchParser.flag(request.get("prefix"), "prefix");
        double fuzzy = SearchParser.fuzzy(request.get("fuzzy"), "fuzzy");
        Map<String, Double> boosts = boosts(request.get("fieldBoosts"), resources);
        return new SearchRequest(new TextSearch(words, List.of(), prefix, fuzzy, boosts, ""), resources, limit);
    }

    private static List<ResourceSchema> resources(JsonNode node, Map<String, ResourceSchema> searchable,
            Access access) {
        List<ResourceSchema> resources = new ArrayList<>();
        if (node == null || node.isNull()) {
            searchable.values().stream().filter(access::mayRead).forEach(resources::add);
            return resources;
        }
        if (!node.isArray() || node.isEmpty()) {
            throw DataFnException.invalid("resources", "'resources' must be a non-empty array of resource names, or "
                    + "left out to search every searchable resource");
        }
        for (int i = 0; i < node.size(); i++) {
            String path = "resources[" + i + "]";
            JsonNode name = node.get(i);
            if (!name.isTextual()) {
                throw DataFnException.invalid(path, "a resource name must be a string");
            }
            ResourceSchema resource = searchable.get(name.textValue());
            if (resource == null) {
                throw DataFnException.invalid(path, "'" + name.textValue() + "' is no searchable resource; searchable: "
                        + String.join(", ", searchable.keySet()));
            }
            access.requireRead(resource, path);
            if (!resources.contains(resource)) {
                resources.add(resource);
            }
        }
        return resources;
    }

    private static int limit(JsonNode node, int maxLimit) {
        if (node == null || node.isNull()) {
            return Math.min(DEFAULT_LIMIT, maxLimit);
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < 1 || node.intValue() > maxLimit) {
            throw DataFnException.invalid("limit", "'limit' must be an integer from 1 to " + maxLimit);
        }
        return node.intValue();
    }

    private static Map<String, Double> boosts(JsonNode node, List<ResourceSchema> resources) {
        Map<String, Double> boosts = SearchParser.boosts(node, "fieldBoosts");
        for (String field : boosts.keySet()) {
            boolean known = resources.stream().anyMatch(r -> r.fields().stream()
                    .anyMatch(f -> f.searchable() && f.name().equals(field)));
            if (!known) {
                throw DataFnException.invalid("fieldBoosts." + field, "'" + field + "' is no searchable field of "
                        + String.join(", ", resources.stream().map(ResourceSchema::name).toList()));
            }
        }
        return boosts;
    }

    /**
     * @param resource a searchable resource
     * @param access   what the caller may read
     * @return the fields to search in it: searchable and readable by the caller
     */
    public static List<FieldSchema> searchedFields(ResourceSchema resource, Access access) {
        return resource.fields().stream()
                .filter(FieldSchema::searchable)
                .filter(f -> access.mayRead(resource, f))
                .toList();
    }
}
