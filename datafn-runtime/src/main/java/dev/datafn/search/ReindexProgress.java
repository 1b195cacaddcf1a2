package dev.datafn.search;

/**
 * Hears how far a rebuild of the whole search index has come ({@code DataFn#reindex}): after the records are
 * counted, and after each chunk of records is indexed. Called on the rebuilding thread; keep it quick.
 */
@FunctionalInterface
public interface ReindexProgress {

    /** Hears nothing. */
    ReindexProgress NONE = (done, total) -> {
    };

    /**
     * @param done  the records indexed so far
     * @param total the records to index, as counted when the rebuild began (writes meanwhile may make
     *              {@code done} pass it)
     */
    void progress(long done, long total);
}
