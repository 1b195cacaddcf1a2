package dev.datafn.query.typed;

import java.util.List;

/**
 * One page of records a typed query returned.
 *
 * @param items      the records, in the query's order
 * @param nextCursor the cursor that continues after this page ({@link ResourceQuery#after}), or {@code null}
 * @param total      the number of all matching records when the query asked for it ({@code count(true)}),
 *                   else {@code null}
 * @param hasMore    whether more records match after this page
 * @param <R>        the record type
 */
public record Page<R>(List<R> items, String nextCursor, Long total, boolean hasMore) {

    /** Copies the items. */
    public Page {
        items = List.copyOf(items);
    }
}
