package dev.datafn.example.todo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datafn.DataFn;
import dev.datafn.db.QueryResult;
import dev.datafn.error.DataFnException;
import dev.datafn.schema.Namespace;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One engine's answers as JSON, made comparable with another database's, and the first place two answers
 * differ. An answer is what a client reads: the records, {@code hasMore}, {@code count} and
 * {@code nextCursor}, or the refusal's code and path (messages are DataFn's own, not the database's, and are
 * left out so that a reworded message is no difference).
 */
final class DifferentialAnswers {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /**
     * Significant digits an {@code avg} is compared to. PostgreSQL averages integers as exact
     * {@code numeric} and H2 as {@code double}; both arrive as a double, equal to a last-bit rounding
     * difference at most. Every other number is compared exactly, as the client reads its JSON text.
     */
    private static final MathContext AVERAGE_DIGITS = new MathContext(12);

    /** The error of an answer that failed with anything but DataFn's own refusal: a bug on any database. */
    static final String UNCAUGHT = "UNCAUGHT";

    private final Namespace namespace;
    private int statements;
    private long nanos;

    /** @param namespace the namespace both databases hold the data in */
    DifferentialAnswers(Namespace namespace) {
        this.namespace = namespace;
    }

    /** @return the number of queries answered so far */
    int statements() {
        return statements;
    }

    /** @return the milliseconds spent answering them */
    long millis() {
        return nanos / 1_000_000;
    }

    /**
     * @param engine the engine of one database
     * @param query  the query, not changed
     * @return its answer, or its refusal as {@code {"error": code, "path": path}}; an exception other than
     *     DataFn's refusal as {@code {"error": "UNCAUGHT", "exception": text}}
     */
    ObjectNode answer(DataFn engine, ObjectNode query) {
        statements++;
        long started = System.nanoTime();
        ObjectNode out = NODES.objectNode();
        try {
            QueryResult result = engine.query(namespace, query.deepCopy());
            ArrayNode data = out.putArray("data");
            result.data().forEach(data::add);
            out.put("hasMore", result.hasMore());
            out.put("nextCursor", result.nextCursor());
            if (result.count() != null) {
                out.put("count", result.count());
            }
            normalizeAverages(query, data);
        } catch (DataFnException e) {
            out.put("error", e.code().name());
            out.put("path", e.path());
        } catch (RuntimeException e) {
            out.put("error", UNCAUGHT);
            out.put("exception", e.toString());
        } finally {
            nanos += System.nanoTime() - started;
        }
        return out;
    }

    /**
     * Walks every page of a query with its cursors, each database with its own.
     *
     * @param engine the engine of one database
     * @param query  the first page's query, with its {@code limit}
     * @return {@code {"pages": [answers], "records": [every page's records in order], "whole": records}}, where
     *     {@code whole} holds the records of the query answered in one page as large as the walk (absent when
     *     the first page is refused)
     */
    ObjectNode walk(DataFn engine, ObjectNode query) {
        ObjectNode out = NODES.objectNode();
        ArrayNode pages = out.putArray("pages");
        ArrayNode records = out.putArray("records");
        ObjectNode page = query.deepCopy();
        for (int n = 0; n < 1_000; n++) {
            ObjectNode answer = answer(engine, page);
            pages.add(answer);
            if (!answer.has("data")) {
                break;
            }
            answer.get("data").forEach(records::add);
            JsonNode cursor = answer.get("nextCursor");
            if (cursor == null || cursor.isNull()) {
                break;
            }
            page.put("cursor", cursor.textValue());
        }
        if (pages.get(0).has("data")) {
            ObjectNode whole = query.deepCopy();
            whole.put("limit", Math.max(records.size(), 1));
            out.set("whole", answer(engine, whole).get("data"));
        }
        return out;
    }

    /**
     * @param left  one database's answer
     * @param right the other's
     * @return the JSON path of the first difference, or {@code null} when the answers are alike
     */
    static String firstDifference(JsonNode left, JsonNode right) {
        return firstDifference(left, right, "$");
    }

    private static String firstDifference(JsonNode left, JsonNode right, String path) {
        if (left == null || right == null) {
            return left == right ? null : path;
        }
        if (left.isObject() && right.isObject()) {
            Set<String> names = new TreeSet<>();
            left.fieldNames().forEachRemaining(names::add);
            right.fieldNames().forEachRemaining(names::add);
            // Members in the same order too: clients may read records as ordered.
            if (!fieldNames(left).equals(fieldNames(right))) {
                for (String name : names) {
                    if (!left.has(name) || !right.has(name)) {
                        return path + "." + name;
                    }
                }
                return path + " (member order)";
            }
            for (String name : names) {
                String d = firstDifference(left.get(name), right.get(name), path + "." + name);
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        if (left.isArray() && right.isArray()) {
            for (int i = 0; i < Math.min(left.size(), right.size()); i++) {
                String d = firstDifference(left.get(i), right.get(i), path + "[" + i + "]");
                if (d != null) {
                    return d;
                }
            }
            return left.size() == right.size() ? null : path + " (size " + left.size() + " vs " + right.size() + ")";
        }
        // Leaves compare as the JSON text a client reads: 4 and 4.0 differ, an int and a long of 4 do not.
        return left.toString().equals(right.toString()) ? null : path;
    }

    private static String fieldNames(JsonNode object) {
        StringBuilder out = new StringBuilder();
        object.fieldNames().forEachRemaining(n -> out.append(n).append(','));
        return out.toString();
    }

    private static void normalizeAverages(ObjectNode query, ArrayNode rows) {
        JsonNode aggregations = query.get("aggregations");
        if (aggregations == null) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = aggregations.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> a = it.next();
            if (!"avg".equals(a.getValue().path("fn").textValue())) {
                continue;
            }
            for (JsonNode row : rows) {
                JsonNode v = row.get(a.getKey());
                if (v != null && v.isNumber()) {
                    ((ObjectNode) row).put(a.getKey(), new BigDecimal(v.asText()).round(AVERAGE_DIGITS)
                            .stripTrailingZeros());
                }
            }
        }
    }
}
