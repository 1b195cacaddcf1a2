package dev.datafn.query.ast;

import java.util.List;
import java.util.Map;

/**
 * A full-text search, as a DFQL query's {@code search} block or {@code POST /datafn/search} gives it: the
 * words to find and how they match. A value, like the query it belongs to.
 *
 * <p>Words are runs of letters and digits; anything else separates them, as the analyzers' tokenizer does, so
 * the text carries no query syntax. Every word must match (in any field searched). With {@code prefix}, a
 * word also matches the words it begins. {@code fuzzy} (0 to 1, as DataFn clients send it) allows typos:
 * 0 none; above 0 up to 0.5 one edit (a letter added, left out, changed, or two swapped); above 0.5 two.
 * Words of one or two letters always match exactly, and words of three to five letters take at most one
 * edit, so short words do not match nearly everything.
 *
 * @param words       the words, at least one
 * @param fields      the fields to search, or empty for every searchable field the caller may read
 * @param prefix      whether a word also matches words it begins
 * @param fuzzy       the typo tolerance, 0 to 1
 * @param fieldBoosts weights of fields by name (1 when absent), each above 0
 * @param path        the JSON path of the search in the request, for errors
 */
public record TextSearch(List<String> words, List<String> fields, boolean prefix, double fuzzy,
        Map<String, Double> fieldBoosts, String path) {

    /** The most words a search takes. */
    public static final int MAX_WORDS = 32;

    /** The longest query text, in characters. */
    public static final int MAX_TEXT = 1_000;

    /** The largest weight a field may be given. */
    public static final double MAX_BOOST = 1_000;

    /** Copies the parts. */
    public TextSearch {
        words = List.copyOf(words);
        fields = List.copyOf(fields);
        fieldBoosts = Map.copyOf(fieldBoosts);
    }

    /**
     * @param text the query text
     * @return its words: runs of letters and digits
     */
    public static List<String> wordsOf(String text) {
        return java.util.Arrays.stream(text.split("[^\\p{L}\\p{N}]+")).filter(w -> !w.isEmpty()).toList();
    }

    /**
     * @param word a word
     * @return the edits it may take to match, from {@link #fuzzy} and its length
     */
    public int editsFor(String word) {
        if (fuzzy <= 0) {
            return 0;
        }
        int edits = fuzzy <= 0.5 ? 1 : 2;
        int length = word.codePointCount(0, word.length());
        if (length <= 2) {
            return 0;
        }
        return length <= 5 ? Math.min(edits, 1) : edits;
    }

    /**
     * @return the words in Lucene's simple query syntax: each word as it is, with {@code *} when prefixes
     *     match, with {@code ~n} when it may take edits, or both as alternatives
     */
    public String simpleQuery() {
        StringBuilder query = new StringBuilder();
        for (String word : words) {
            if (!query.isEmpty()) {
                query.append(' ');
            }
            int edits = editsFor(word);
            if (prefix && edits > 0) {
                query.append('(').append(word).append("* | ").append(word).append('~').append(edits).append(')');
            } else if (prefix) {
                query.append(word).append('*');
            } else if (edits > 0) {
                query.append(word).append('~').append(edits);
            } else {
                query.append(word);
            }
        }
        return query.toString();
    }
}
