package dev.datafn.annotations;

/**
 * How a searchable field's text is split into words and normalised, for indexing and for the words
 * searched: {@link #DEFAULT} folds case and accents ("Café" is found by "cafe"); a language also reduces
 * words to their stem in that language ("running" is found by "run") and leaves out its stop words.
 */
public enum SearchAnalyzer {
    /** Words split on Unicode word boundaries, lower-cased, accents folded to ASCII. */
    DEFAULT,
    /** {@link #DEFAULT}, then English stop words and stems. */
    ENGLISH,
    /** {@link #DEFAULT}, then French elisions, stop words and stems. */
    FRENCH,
    /** {@link #DEFAULT}, then German stop words and stems. */
    GERMAN,
    /** {@link #DEFAULT}, then Spanish stop words and stems. */
    SPANISH,
    /** {@link #DEFAULT}, then Italian elisions, stop words and stems. */
    ITALIAN,
    /** {@link #DEFAULT}, then Portuguese stop words and stems. */
    PORTUGUESE,
    /** {@link #DEFAULT}, then Dutch stop words and stems. */
    DUTCH;

    /** @return the name of this analyzer in the search index's configuration */
    public String indexName() {
        return "datafn_" + name().toLowerCase(java.util.Locale.ROOT);
    }
}
