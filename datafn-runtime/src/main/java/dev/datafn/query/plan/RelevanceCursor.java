package dev.datafn.query.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datafn.error.DataFnException;
import dev.datafn.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Where a page of search results in relevance order ended: the last record's score and id. The next page
 * holds the records ranked after it (a lower score, or the same score and a greater id), as the search ranks
 * them when that page is read. Opaque on the wire, like every cursor.
 *
 * @param score the last record's score
 * @param id    the last record's id
 */
public record RelevanceCursor(float score, String id) {

    /** @return the cursor as the wire carries it */
    public String encode() {
        ObjectNode json = Json.object();
        json.put("r", score);
        json.put("i", id);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param otherScore a record's score
     * @param otherId    its id
     * @return whether that record ranks after this cursor's
     */
    public boolean precedes(float otherScore, String otherId) {
        return otherScore < score || (otherScore == score && otherId.compareTo(id) > 0);
    }

    /**
     * @param cursor a cursor from {@link #encode}
     * @param path   where the request carries it
     * @return the cursor
     */
    static RelevanceCursor decode(String cursor, String path) {
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(Base64.getUrlDecoder().decode(cursor));
        } catch (IllegalArgumentException | java.io.IOException e) {
            throw DataFnException.invalid(path, "not a cursor this server issued");
        }
        JsonNode score = json == null ? null : json.get("r");
        JsonNode id = json == null ? null : json.get("i");
        if (score == null || id == null || !score.isNumber() || !id.isTextual()
                || !Float.isFinite(score.floatValue())) {
            throw DataFnException.invalid(path, "not a cursor of a search in relevance order; keep the query's sort "
                    + "and search unchanged while paging");
        }
        return new RelevanceCursor(score.floatValue(), id.textValue());
    }
}
