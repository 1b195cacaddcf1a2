package dev.datafn.db;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datafn.json.Json;
import java.util.List;

/**
 * The answer to one query.
 *
 * @param data       the records of the page
 * @param hasMore    whether more records match after this page
 * @param nextCursor the cursor of the next page, or {@code null}
 * @param count      the number of all matching records when asked for, else {@code null}
 */
public record QueryResult(List<ObjectNode> data, boolean hasMore, String nextCursor, Long count) {

    /** Copies the page. */
    public QueryResult {
        data = List.copyOf(data);
    }

    /** @return the wire form: {@code {"data": [...], "nextCursor": ..., "hasMore": ..., "count"?: n}} */
    public ObjectNode toJson() {
        ObjectNode out = Json.object();
        ArrayNode rows = out.putArray("data");
        data.forEach(rows::add);
        out.put("nextCursor", nextCursor);
        out.put("hasMore", hasMore);
        if (count != null) {
            out.put("count", count);
        }
        return out;
    }
}
