package dev.datafn.internal;

import dev.datafn.DataFn;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The engine calls behind a generated {@code <Record>Repository}: records in, records out, in one
 * namespace. Generated repositories only forward to it.
 *
 * @param <R> the record type of the resource
 */
public final class RepositorySupport<R extends Record> {

    private final DataFn datafn;
    private final String resource;
    private final Class<R> recordType;
    private final String namespace;

    /**
     * @param datafn     the engine
     * @param resource   the resource name
     * @param recordType the record type
     * @param namespace  the namespace every call runs in
     */
    public RepositorySupport(DataFn datafn, String resource, Class<R> recordType, String namespace) {
        this.datafn = datafn;
        this.resource = resource;
        this.recordType = recordType;
        this.namespace = namespace;
    }

    /** @param id a record id @return the record, if it exists in this namespace */
    public Optional<R> get(String id) {
        throw new UnsupportedOperationException("not wired yet");
    }

    /** @param record the record to insert; a null id is generated @return the stored record */
    public R insert(R record) {
        throw new UnsupportedOperationException("not wired yet");
    }

    /**
     * @param id      the record id
     * @param changes field name to new value; absent fields keep their value, null clears a field
     * @return the stored record after the merge
     */
    public R merge(String id, Map<String, ?> changes) {
        throw new UnsupportedOperationException("not wired yet");
    }

    /** @param id the record id @return whether a record was deleted */
    public boolean delete(String id) {
        throw new UnsupportedOperationException("not wired yet");
    }

    /**
     * @param filters DFQL filters, e.g. {@code Map.of("completed", false)}
     * @param limit   the most records to return
     * @return the matching records, by id
     */
    public List<R> findWhere(Map<String, ?> filters, int limit) {
        throw new UnsupportedOperationException("not wired yet");
    }
}
