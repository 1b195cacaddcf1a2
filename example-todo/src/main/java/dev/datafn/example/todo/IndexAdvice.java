package dev.datafn.example.todo;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The {@code @Index} that would serve a DFQL query without sorting: its fields compared for equality, then its
 * sort keys in order and direction ({@code @Index} appends the id, as the sort does). A range (e.g.
 * {@code priority >= 3}) is left out: after the sort keys it could not narrow the scan, and before them it would
 * break their order; the scan then skips the rows it excludes while it walks the index in order.
 */
final class IndexAdvice {

    private IndexAdvice() {
    }

    /**
     * @param dfql a DFQL query
     * @return e.g. {@code @Index(fields = {"projectId", "completed", "dueDate"})}, or empty when the query has no
     *         equality filter and no sort (id order, which {@code @Id @Index} serves)
     */
    static Optional<String> forQuery(JsonNode dfql) {
        List<String> keys = new ArrayList<>();
        for (Map.Entry<String, JsonNode> filter : dfql.path("filters").properties()) {
            String field = filter.getKey();
            if (!field.startsWith("$") && !field.contains(".") && !field.equals("id") && isEquality(filter.getValue())) {
                keys.add(field);
            }
        }
        for (JsonNode term : dfql.path("sort")) {
            String text = term.asText();
            String field = text.contains(":") ? text.substring(0, text.indexOf(':')) : text;
            if (field.equals("id")) {
                break;
            }
            keys.remove(field);
            keys.add(text.endsWith(":desc") ? field + ":desc" : field);
        }
        if (keys.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(keys.stream().map(k -> "\"" + k + "\"")
                .collect(Collectors.joining(", ", "@Index(fields = {", "})")));
    }

    private static boolean isEquality(JsonNode condition) {
        if (!condition.isObject()) {
            return !condition.isArray();
        }
        if (condition.size() != 1) {
            return false;
        }
        String operator = condition.properties().iterator().next().getKey();
        return operator.equals("eq") || operator.equals("$eq");
    }
}
