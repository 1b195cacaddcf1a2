package dev.datafn.query.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datafn.error.DataFnException;
import dev.datafn.json.Json;
import dev.datafn.schema.FieldValues;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Keyset cursors: the sort keys of a page's last record (the id always last), with the sort they
 * belong to, as base64url JSON. Opaque to clients; a cursor used with another sort is refused, since
 * its position would mean nothing there.
 */
public final class PageCursors {

    private PageCursors() {
    }

    /**
     * @param order  the plan's sort keys, ending with the id
     * @param values the last record's values of those keys
     * @return the cursor string
     */
    public static String encode(List<QueryPlan.Order> order, List<Object> values) {
        ObjectNode json = Json.object();
        ArrayNode keys = json.putArray("k");
        ArrayNode vals = json.putArray("v");
        for (int i = 0; i < order.size(); i++) {
            keys.add(order.get(i).wireForm());
            vals.add(FieldValues.toJson(order.get(i).field(), values.get(i)));
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param cursor a cursor from {@link #encode}
     * @param order  the sort keys of the query it is used with
     * @param path   where the request carries it
     * @return the values to continue after
     */
    static List<Object> decode(String cursor, List<QueryPlan.Order> order, String path) {
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(Base64.getUrlDecoder().decode(cursor));
        } catch (IllegalArgumentException | java.io.IOException e) {
            throw DataFnException.invalid(path, "not a cursor this server issued");
        }
        JsonNode keys = json == null ? null : json.get("k");
        JsonNode vals = json == null ? null : json.get("v");
        if (keys == null || vals == null || !keys.isArray() || !vals.isArray() || keys.size() != order.size()
                || vals.size() != order.size()) {
            throw DataFnException.invalid(path, "not a cursor this server issued");
        }
        List<Object> values = new ArrayList<>(order.size());
        for (int i = 0; i < order.size(); i++) {
            if (!order.get(i).wireForm().equals(keys.get(i).asText())) {
                throw DataFnException.invalid(path, "this cursor belongs to another sort; keep the query's sort "
                        + "unchanged while paging");
            }
            try {
                values.add(FieldValues.fromJson(order.get(i).field(), vals.get(i), path));
            } catch (DataFnException e) {
                throw DataFnException.invalid(path, "not a cursor this server issued");
            }
        }
        return values;
    }
}
