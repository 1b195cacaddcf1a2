package dev.datafn.query.parse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datafn.error.DataFnException;
import dev.datafn.json.JsonPaths;
import dev.datafn.query.ast.TextSearch;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a full-text search: a DFQL query's {@code search} block ({@code {"query": "...", "fields"?: [...],
 * "prefix"?, "fuzzy"?, "fieldBoosts"?}}) and the same options of {@code POST /datafn/search}. Checks their
 * shape; which fields exist and are searchable is the planner's (or the search endpoint's) to check.
 */
public final class SearchParser {

    private static final Set<String> BLOCK_MEMBERS = Set.of("query", "fields", "prefix", "fuzzy", "fieldBoosts");

    private SearchParser() {
    }

    /**
     * @param block the {@code search} block
     * @param path  its path
     * @return the search
     */
    public static TextSearch block(JsonNode block, String path) {
        if (block == null || !block.isObject()) {
            throw DataFnException.invalid(path, "'search' must be an object: {\"query\": \"words\", \"fields\"?: [...], "
                    + "\"prefix\"?: true, \"fuzzy\"?: 0.2}");
        }
        for (Iterator<String> names = block.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!BLOCK_MEMBERS.contains(name)) {
                throw DataFnException.invalid(JsonPaths.child(path, name), "unknown member '" + name + "' of search; it "
                        + "takes " + String.join(", ", new java.util.TreeSet<>(BLOCK_MEMBERS)));
            }
        }
        List<String> fields = new ArrayList<>();
        JsonNode named = block.get("fields");
        String fieldsPath = JsonPaths.child(path, "fields");
        if (named != null && !named.isNull()) {
            if (!named.isArray() || named.isEmpty()) {
                throw DataFnException.invalid(fieldsPath, "'fields' must be a non-empty array of field names");
            }
            for (int i = 0; i < named.size(); i++) {
                if (!named.get(i).isTextual()) {
                    throw DataFnException.invalid(JsonPaths.index(fieldsPath, i), "a field name must be a string");
                }
                fields.add(named.get(i).textValue());
            }
        }
        return new TextSearch(words(block.get("query"), JsonPaths.child(path, "query")), fields,
                flag(block.get("prefix"), JsonPaths.child(path, "prefix")),
                fuzzy(block.get("fuzzy"), JsonPaths.child(path, "fuzzy")),
                boosts(block.get("fieldBoosts"), JsonPaths.child(path, "fieldBoosts")), path);
    }

    /**
     * @param node the query text
     * @param path its path
     * @return its words
     */
    public static List<String> words(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            throw DataFnException.invalid(path, "'query' is required: the words to search for");
        }
        if (!node.isTextual()) {
            throw DataFnException.invalid(path, "'query' must be a string");
        }
        String text = node.textValue();
        if (text.length() > TextSearch.MAX_TEXT) {
            throw DataFnException.invalid(path, "'query' is longer than " + TextSearch.MAX_TEXT + " characters");
        }
        List<String> words = TextSearch.wordsOf(text);
        if (words.isEmpty()) {
            throw DataFnException.invalid(path, "'query' holds no word to search for (letters or digits)");
        }
        if (words.size() > TextSearch.MAX_WORDS) {
            throw DataFnException.invalid(path, "'query' holds " + words.size() + " words; a search takes at most "
                    + TextSearch.MAX_WORDS);
        }
        return words;
    }

    /**
     * @param node a flag
     * @param path its path
     * @return its value, false when absent
     */
    public static boolean flag(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isBoolean()) {
            throw DataFnException.invalid(path, "'" + last(path) + "' must be true or false");
        }
        return node.booleanValue();
    }

    /**
     * @param node the typo tolerance: a number from 0 to 1, or a flag ({@code true} is 0.2, seed 001's example)
     * @param path its path
     * @return the tolerance
     */
    public static double fuzzy(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            return 0;
        }
        if (node.isBoolean()) {
            return node.booleanValue() ? 0.2 : 0;
        }
        if (!node.isNumber() || !(node.doubleValue() >= 0 && node.doubleValue() <= 1)) {
            throw DataFnException.invalid(path, "'fuzzy' must be a number from 0 (exact words) to 1 (most typos), "
                    + "or true (0.2)");
        }
        return node.doubleValue();
    }

    /**
     * @param node field names to weights
     * @param path its path
     * @return the weights, each above 0 and at most {@link TextSearch#MAX_BOOST}
     */
    public static Map<String, Double> boosts(JsonNode node, String path) {
        Map<String, Double> boosts = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return boosts;
        }
        if (!node.isObject()) {
            throw DataFnException.invalid(path, "'fieldBoosts' must be an object of field names to weights");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            JsonNode weight = entry.getValue();
            if (!weight.isNumber() || !(weight.doubleValue() > 0 && weight.doubleValue() <= TextSearch.MAX_BOOST)) {
                throw DataFnException.invalid(JsonPaths.child(path, entry.getKey()), "a field's weight must be a "
                        + "number above 0 and at most " + (int) TextSearch.MAX_BOOST);
            }
            boosts.put(entry.getKey(), weight.doubleValue());
        }
        return boosts;
    }

    private static String last(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }
}
