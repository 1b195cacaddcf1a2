package dev.datafn.search;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datafn.access.Access;
import dev.datafn.error.DataFnException;
import dev.datafn.schema.FieldSchema;
import dev.datafn.schema.ResourceSchema;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
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
public record SearchRequest(SearchTerms terms, List<ResourceSchema> resources, int limit) {

    /** The results when the request gives no limit. */
    public static final int DEFAULT_LIMIT = 20;

    /** The largest weight a field may be given. */
    public static final double MAX_BOOST = 1_000;

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
        List<String> words = words(request.get("query"), "query");
        List<ResourceSchema> resources = resources(request.get("resources"), searchable, access);
        int limit = limit(request.get("limit"), maxLimit);
        boolean prefix = flag(request.get("prefix"), "prefix");
        double fuzzy = fuzzy(request.get("fuzzy"), "fuzzy");
        Map<String, Double> boosts = boosts(request.get("fieldBoosts"), "fieldBoosts", resources);
        return new SearchRequest(new SearchTerms(words, prefix, fuzzy, boosts, List.of()), resources, limit);
    }

    /**
     * @param node the query text
     * @param path its path
     * @return its words
     */
    static List<String> words(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            throw DataFnException.invalid(path, "'" + path + "' is required: the words to search for");
        }
        if (!node.isTextual()) {
            throw DataFnException.invalid(path, "'" + path + "' must be a string");
        }
        String text = node.textValue();
        if (text.length() > SearchTerms.MAX_TEXT) {
            throw DataFnException.invalid(path, "'" + path + "' is longer than " + SearchTerms.MAX_TEXT + " characters");
        }
        List<String> words = SearchTerms.wordsOf(text);
        if (words.isEmpty()) {
            throw DataFnException.invalid(path, "'" + path + "' holds no word to search for (letters or digits)");
        }
        if (words.size() > SearchTerms.MAX_WORDS) {
            throw DataFnException.invalid(path, "'" + path + "' holds " + words.size() + " words; a search takes at most "
                    + SearchTerms.MAX_WORDS);
        }
        return words;
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

    /**
     * @param node a flag
     * @param path its path
     * @return its value, false when absent
     */
    static boolean flag(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isBoolean()) {
            throw DataFnException.invalid(path, "'" + path + "' must be true or false");
        }
        return node.booleanValue();
    }

    /**
     * @param node the typo tolerance: a number from 0 to 1, or a flag ({@code true} is 0.2, seed 001's example)
     * @param path its path
     * @return the tolerance
     */
    static double fuzzy(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            return 0;
        }
        if (node.isBoolean()) {
            return node.booleanValue() ? 0.2 : 0;
        }
        if (!node.isNumber() || !(node.doubleValue() >= 0 && node.doubleValue() <= 1)) {
            throw DataFnException.invalid(path, "'" + path + "' must be a number from 0 (exact words) to 1 (most "
                    + "typos), or true (0.2)");
        }
        return node.doubleValue();
    }

    /**
     * @param node      field name to weight
     * @param path      its path
     * @param resources the resources searched: each field must be searchable in one of them
     * @return the weights
     */
    static Map<String, Double> boosts(JsonNode node, String path, List<ResourceSchema> resources) {
        Map<String, Double> boosts = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return boosts;
        }
        if (!node.isObject()) {
            throw DataFnException.invalid(path, "'" + path + "' must be an object of field names to weights");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String fieldPath = path + "." + entry.getKey();
            boolean known = resources.stream().anyMatch(r -> r.fields().stream()
                    .anyMatch(f -> f.searchable() && f.name().equals(entry.getKey())));
            if (!known) {
                throw DataFnException.invalid(fieldPath, "'" + entry.getKey() + "' is no searchable field of "
                        + String.join(", ", resources.stream().map(ResourceSchema::name).toList()));
            }
            JsonNode weight = entry.getValue();
            if (!weight.isNumber() || !(weight.doubleValue() > 0 && weight.doubleValue() <= MAX_BOOST)) {
                throw DataFnException.invalid(fieldPath, "a field's weight must be a number above 0 and at most "
                        + (int) MAX_BOOST);
            }
            boosts.put(entry.getKey(), weight.doubleValue());
        }
        return boosts;
    }

    /**
     * @param resource a searchable resource
     * @param access   what the caller may read
     * @param only     the fields asked for, or empty for all
     * @return the fields to search in it: searchable, readable by the caller, and asked for
     */
    public static List<String> searchedFields(ResourceSchema resource, Access access, List<String> only) {
        return resource.fields().stream()
                .filter(FieldSchema::searchable)
                .filter(f -> access.mayRead(resource, f))
                .map(FieldSchema::name)
                .filter(name -> only.isEmpty() || only.contains(name))
                .toList();
    }
}
