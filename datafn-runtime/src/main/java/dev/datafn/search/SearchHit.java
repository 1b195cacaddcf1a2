package dev.datafn.search;

/**
 * One record a search found.
 *
 * @param resource the resource
 * @param id       the record's id
 * @param score    how well it matched: higher is better; comparable within one search
 */
public record SearchHit(String resource, String id, float score) {
}
