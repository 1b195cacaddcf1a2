package dev.datafn.query.typed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datafn.json.Json;

/**
 * One row of an aggregation's answer, such as {@code {"completed": false, "n": 7, "avgPriority": 2.5}},
 * read through the same typed constants that asked for it: {@code row.get(N)} is a {@code Long},
 * {@code row.get(TodoFields.COMPLETED)} a {@code Boolean}. Criteria on rows are {@code having} conditions.
 *
 * @param <R> the record type of the aggregated resource
 */
public final class AggregateRow<R> {

    private final ObjectNode row;

    /** @param row the row as the engine answers it; copied */
    public AggregateRow(ObjectNode row) {
        this.row = row.deepCopy();
    }

    /**
     * @param aggregate an aggregate the query computed
     * @param <V>       the result type
     * @return its value in this group, or {@code null} (e.g. the average of no values)
     */
    public <V> V get(Aggregate<R, V> aggregate) {
        return read(aggregate.alias(), aggregate.resultType());
    }

    /**
     * @param key a field the query grouped by
     * @param <V> the field's value type
     * @return the field's value shared by this group's records, or {@code null} for the group of nulls
     */
    public <V> V get(ScalarField<R, V> key) {
        return read(key.name(), key.valueType());
    }

    /** @return the row as JSON, a fresh copy */
    public ObjectNode toJson() {
        return row.deepCopy();
    }

    private <V> V read(String name, Class<V> type) {
        JsonNode value = row.get(name);
        return value == null || value.isNull() ? null : Json.MAPPER.convertValue(value, type);
    }

    /** Rows are values: equal when their JSON is. */
    @Override
    public boolean equals(Object o) {
        return o instanceof AggregateRow<?> other && row.equals(other.row);
    }

    @Override
    public int hashCode() {
        return row.hashCode();
    }

    @Override
    public String toString() {
        return row.toString();
    }
}
