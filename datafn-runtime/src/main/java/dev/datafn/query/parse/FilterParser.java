package dev.datafn.query.parse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datafn.error.DataFnException;
import dev.datafn.config.Limits;
import dev.datafn.json.JsonPaths;
import dev.datafn.query.ast.Filter;
import dev.datafn.query.ast.Operator;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Parses a DFQL {@code filters} object. Keys are field names (with an operator object or, for implicit
 * equality, a plain value) or the logical groups {@code $and}, {@code $or}, {@code $not}; several keys
 * in one object must all hold.
 */
final class FilterParser {

    /** The most comparisons one query's filters may hold, all levels together. */
    static final int MAX_CONDITIONS = 256;

    /** The most values one query's filters may bind, so every database accepts the statement. */
    static final int MAX_VALUES = 10_000;

    private final Limits limits;
    private int conditions;
    private int values;

    FilterParser(Limits limits) {
        this.limits = limits;
    }

    Filter parse(JsonNode node, String path) {
        if (!node.isObject()) {
            throw DataFnException.invalid(path, "filters must be an object such as {\"completed\": false}");
        }
        if (node.size() > limits.maxFilterKeysPerLevel()) {
            throw DataFnException.invalid(path, "at most " + limits.maxFilterKeysPerLevel()
                    + " keys are allowed in one filter object (maxFilterKeysPerLevel)");
        }
        List<Filter> parts = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> members = node.fields();
        while (members.hasNext()) {
            Map.Entry<String, JsonNode> m = members.next();
            String key = m.getKey();
            String keyPath = JsonPaths.child(path, key);
            switch (key) {
                case "$and", "and" -> parts.add(new Filter.And(list(m.getValue(), keyPath), keyPath));
                case "$or", "or" -> parts.add(new Filter.Or(list(m.getValue(), keyPath), keyPath));
                case "$not", "not" -> parts.add(new Filter.Not(parse(m.getValue(), keyPath), keyPath));
                default -> parts.addAll(field(key, m.getValue(), keyPath));
            }
        }
        return parts.size() == 1 ? parts.get(0) : new Filter.And(parts, path);
    }

    private List<Filter> list(JsonNode node, String path) {
        if (!node.isArray() || node.isEmpty()) {
            throw DataFnException.invalid(path, "a logical group takes a non-empty array of filter objects");
        }
        if (node.size() > limits.maxFilterKeysPerLevel()) {
            throw DataFnException.invalid(path, "a logical group takes at most " + limits.maxFilterKeysPerLevel()
                    + " filters (maxFilterKeysPerLevel)");
        }
        List<Filter> out = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            out.add(parse(node.get(i), JsonPaths.index(path, i)));
        }
        return out;
    }

    private List<Filter> field(String field, JsonNode value, String path) {
        if (field.startsWith("$")) {
            throw DataFnException.invalid(path, "unknown logical operator '" + field + "'; use $and, $or or $not");
        }
        if (!value.isObject() || value.isEmpty()) {
            return List.of(count(new Filter.Comparison(field, Operator.EQ, value, path)));
        }
        List<Filter> out = new ArrayList<>(value.size());
        Iterator<Map.Entry<String, JsonNode>> ops = value.fields();
        while (ops.hasNext()) {
            Map.Entry<String, JsonNode> op = ops.next();
            String opPath = JsonPaths.child(path, op.getKey());
            Operator operator = Operator.fromWire(op.getKey()).orElseThrow(() -> DataFnException.invalid(opPath,
                    "unknown operator '" + op.getKey() + "'"));
            out.add(count(new Filter.Comparison(field, operator, op.getValue(), opPath)));
        }
        return out;
    }

    /** Keeps the whole filter within what a statement can carry, whatever its shape. */
    private Filter.Comparison count(Filter.Comparison c) {
        conditions++;
        values += c.operand().isArray() ? Math.max(1, c.operand().size()) : 1;
        if (conditions > MAX_CONDITIONS) {
            throw DataFnException.invalid(c.path(), "a query may hold at most " + MAX_CONDITIONS + " conditions");
        }
        if (values > MAX_VALUES) {
            throw DataFnException.invalid(c.path(), "a query's filters may hold at most " + MAX_VALUES + " values");
        }
        return c;
    }
}
