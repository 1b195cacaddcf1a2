package dev.datafn.mutation.typed;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datafn.query.typed.Criterion;

/**
 * An {@code insert} of one record: {@code {"operation": "insert", "record": {...}}}. The record's id, when
 * it has one, travels in the record; without one the server generates it. An insert has no {@code if}:
 * there is no current record to test.
 *
 * @param <R> the record type of the resource
 */
public final class InsertMutation<R> extends ResourceMutation<R, InsertMutation<R>> {

    private final ObjectNode record;

    InsertMutation(Header header, ObjectNode record) {
        super(header, null);
        this.record = record.deepCopy();
    }

    @Override
    InsertMutation<R> copy(Header changed, Criterion<R> changedGuard) {
        return new InsertMutation<>(changed, record);
    }

    @Override
    void writeBody(ObjectNode out) {
        out.set("record", record.deepCopy());
    }
}
