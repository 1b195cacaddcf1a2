package dev.datafn.db;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datafn.json.Json;
import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * The answer to one query: a page of records, whether more follow, the next page's cursor, and the count
 * when asked for.
 *
 * <p>A page read as columns keeps its rows as they were read and writes them as JSON straight to the
 * answer's stream ({@link #serialize}, which Jackson calls for it): no JSON tree is built for an answer
 * that goes over the wire. {@link #data()} builds the records as JSON objects the first time it is asked,
 * for callers that look into them.
 */
public final class QueryResult implements JsonSerializable {

    /** A page's records, as something that writes them and as JSON objects on demand. */
    public interface Records {

        /** @return the number of records */
        int size();

        /**
         * @param out the generator, where an array's values may follow
         * @throws IOException when the generator cannot write
         */
        void write(JsonGenerator out) throws IOException;

        /** @return the records as JSON objects, in order */
        List<ObjectNode> toJson();
    }

    private final Records records;
    private final boolean hasMore;
    private final String nextCursor;
    private final Long count;
    /** The records as JSON objects, built by the first {@link #data()}. */
    private volatile List<ObjectNode> data;

    /**
     * @param data       the records of the page
     * @param hasMore    whether more records match after this page
     * @param nextCursor the cursor of the next page, or {@code null}
     * @param count      the number of all matching records when asked for, else {@code null}
     */
    public QueryResult(List<ObjectNode> data, boolean hasMore, String nextCursor, Long count) {
        this(null, List.copyOf(data), hasMore, nextCursor, count);
    }

    private QueryResult(Records records, List<ObjectNode> data, boolean hasMore, String nextCursor, Long count) {
        this.records = records;
        this.data = data;
        this.hasMore = hasMore;
        this.nextCursor = nextCursor;
        this.count = count;
    }

    /**
     * @param records    the records of the page, written as they are when the answer is
     * @param hasMore    whether more records match after this page
     * @param nextCursor the cursor of the next page, or {@code null}
     * @param count      the number of all matching records when asked for, else {@code null}
     * @return the answer
     */
    public static QueryResult of(Records records, boolean hasMore, String nextCursor, Long count) {
        return new QueryResult(Objects.requireNonNull(records, "records"), null, hasMore, nextCursor, count);
    }

    /** @return the records of the page, as JSON objects */
    public List<ObjectNode> data() {
        List<ObjectNode> built = data;
        if (built == null) {
            built = List.copyOf(records.toJson());
            data = built;
        }
        return built;
    }

    /** @return the number of records of the page */
    public int size() {
        List<ObjectNode> built = data;
        return built != null ? built.size() : records.size();
    }

    /** @return whether more records match after this page */
    public boolean hasMore() {
        return hasMore;
    }

    /** @return the cursor of the next page, or {@code null} */
    public String nextCursor() {
        return nextCursor;
    }

    /** @return the number of all matching records when asked for, else {@code null} */
    public Long count() {
        return count;
    }

    /** @return the wire form: {@code {"data": [...], "nextCursor": ..., "hasMore": ..., "count"?: n}} */
    public ObjectNode toJson() {
        ObjectNode out = Json.object();
        ArrayNode rows = out.putArray("data");
        data().forEach(rows::add);
        out.put("nextCursor", nextCursor);
        out.put("hasMore", hasMore);
        if (count != null) {
            out.put("count", count);
        }
        return out;
    }

    /** Writes the wire form of {@link #toJson()}, the records straight from the rows when the page kept them. */
    @Override
    public void serialize(JsonGenerator out, SerializerProvider serializers) throws IOException {
        out.writeStartObject();
        out.writeFieldName("data");
        out.writeStartArray();
        List<ObjectNode> built = data;
        if (built != null) {
            for (ObjectNode record : built) {
                Json.MAPPER.writeTree(out, record);
            }
        } else {
            records.write(out);
        }
        out.writeEndArray();
        out.writeStringField("nextCursor", nextCursor);
        out.writeBooleanField("hasMore", hasMore);
        if (count != null) {
            out.writeNumberField("count", count);
        }
        out.writeEndObject();
    }

    /** Written as {@link #serialize} writes it: an answer carries no type information. */
    @Override
    public void serializeWithType(JsonGenerator out, SerializerProvider serializers, TypeSerializer typeSer)
            throws IOException {
        serialize(out, serializers);
    }

    /** Two answers are equal when their records, position and count are. */
    @Override
    public boolean equals(Object other) {
        return other instanceof QueryResult that && hasMore == that.hasMore && data().equals(that.data())
                && Objects.equals(nextCursor, that.nextCursor) && Objects.equals(count, that.count);
    }

    /** @return a hash of the records, position and count, agreeing with {@link #equals} */
    @Override
    public int hashCode() {
        return Objects.hash(data(), hasMore, nextCursor, count);
    }

    /** @return the answer's parts, the records as JSON, for diagnostics */
    @Override
    public String toString() {
        return "QueryResult[data=" + data() + ", hasMore=" + hasMore + ", nextCursor=" + nextCursor + ", count="
                + count + "]";
    }
}
