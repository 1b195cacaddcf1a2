package dev.datafn.query.typed;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * Handle on a date-time field ({@code Instant}) of resource {@code R}: equality and order; instants go on
 * the wire as ISO-8601 in UTC, {@code "2026-12-24T08:00:00Z"}.
 *
 * @param <R> the record type of the resource
 */
public final class DateTimeField<R> extends RangeField<R, Instant> {

    /** @param name the field name on the wire */
    public DateTimeField(String name) {
        super(name, Instant.class);
    }

    @Override
    public JsonNode toWire(Instant value) {
        return WireValues.instant(value);
    }
}
