package dev.datafn.query.typed;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;

/**
 * Handle on a date field ({@code LocalDate}) of resource {@code R}: equality and order; dates go on the
 * wire as {@code "2026-12-24"}.
 *
 * @param <R> the record type of the resource
 */
public final class DateField<R> extends RangeField<R, LocalDate> {

    /** @param name the field name on the wire */
    public DateField(String name) {
        super(name, LocalDate.class);
    }

    @Override
    public JsonNode toWire(LocalDate value) {
        return WireValues.date(value);
    }
}
