package dev.datafn.db;

/**
 * One record a full-text search found.
 *
 * @param resource the resource
 * @param id       the record's id
 * @param score    how well it matched: higher is better; comparable within one search
 */
public record SearchHit(String resource, String id, float score) {

    /** Best score first; then by resource and id, so equal scores come in a stable order. */
    public static final java.util.Comparator<SearchHit> BEST_FIRST = java.util.Comparator
            .comparing(SearchHit::score).reversed().thenComparing(SearchHit::resource).thenComparing(SearchHit::id);
}
