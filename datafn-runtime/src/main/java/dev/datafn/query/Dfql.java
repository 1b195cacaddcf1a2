package dev.datafn.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datafn.json.Json;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The canonical form of DFQL queries, as {@code normalizeDfql} and {@code dfqlKey} of DataFn's
 * TypeScript core: two queries that mean the same, built in different orders, get the same key, so the
 * key can name a cache entry.
 */
public final class Dfql {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Dfql() {
    }

    /**
     * Sorts every object's keys, drops members whose value is null, and writes each number in one
     * spelling ({@code 3}, {@code 3.0} and {@code 3.00} are all {@code 3}), as JavaScript, which has one
     * number type, does. Array order is kept: it is meaningful ({@code sort}, {@code $or}).
     *
     * @param query a DFQL query, or any JSON value
     * @return the normalized copy; the argument is not changed
     */
    public static JsonNode normalize(JsonNode query) {
        if (query.isObject()) {
            List<String> names = new ArrayList<>();
            query.fieldNames().forEachRemaining(names::add);
            Collections.sort(names);
            ObjectNode out = NODES.objectNode();
            for (String name : names) {
                JsonNode value = query.get(name);
                if (!value.isNull()) {
                    out.set(name, normalize(value));
                }
            }
            return out;
        }
        if (query.isArray()) {
            ArrayNode out = NODES.arrayNode();
            query.forEach(item -> out.add(normalize(item)));
            return out;
        }
        if (query.isNumber()) {
            return number(query.decimalValue());
        }
        return query.deepCopy();
    }

    /**
     * @param query a DFQL query
     * @return the compact JSON text of its {@linkplain #normalize normal form}: a stable cache key
     */
    public static String key(JsonNode query) {
        try {
            return Json.MAPPER.writeValueAsString(normalize(query));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always writes", e);
        }
    }

    private static JsonNode number(BigDecimal value) {
        BigDecimal plain = value.stripTrailingZeros();
        if (plain.scale() <= 0) {
            // Integral: written without exponent or fraction, however large.
            return NODES.numberNode(plain.toBigIntegerExact());
        }
        return NODES.numberNode(plain);
    }
}
