package dev.datafn.db;

/**
 * Matches SQL {@code LIKE} patterns as DFQL's {@code like} and {@code ilike} mean them ({@code %} any run
 * of characters, {@code _} one character, every other character itself; no escape character) in time
 * proportional to the value's length times the pattern's, whatever the pattern.
 *
 * <p>H2 evaluates {@code LIKE} by trying every split of the value at each {@code %}: a pattern such as
 * {@code %a%a%a%b} over one 1,000-character value takes 42 s, each further {@code %} run costs another
 * power of the value's length, and no statement timeout stops it; and it matches {@code _} against half
 * of an emoji. On H2 such patterns are evaluated by {@link #matches} instead, which DataFn registers as
 * the SQL function {@value #H2_FUNCTION}; PostgreSQL's own {@code LIKE} keeps evaluating them.
 */
public final class LikeMatcher {

    /** The name of the SQL function DataFn registers on H2. */
    public static final String H2_FUNCTION = "DATAFN_LIKE";

    /** The statement that registers {@link #matches} on H2 (kept across restarts of a file database). */
    static final String H2_REGISTRATION = "CREATE ALIAS IF NOT EXISTS " + H2_FUNCTION + " DETERMINISTIC FOR '"
            + LikeMatcher.class.getName() + ".matches'";

    private static final int ANY = '%';
    private static final int ONE = '_';

    private LikeMatcher() {
    }

    /**
     * Matches a whole value against a pattern, character by character (Unicode code points, as both
     * databases count characters), backtracking only to the latest {@code %}: a later {@code %} can
     * absorb whatever an earlier one could, so no earlier choice needs revisiting.
     *
     * <p>Public only so that H2 can call it as a function; not part of DataFn's API.
     *
     * @param value   the value, or {@code null}
     * @param pattern the pattern, or {@code null}
     * @return whether the whole value matches, or {@code null} when either is null (SQL's unknown)
     */
    public static Boolean matches(String value, String pattern) {
        if (value == null || pattern == null) {
            return null;
        }
        int[] v = value.codePoints().toArray();
        int[] p = pattern.codePoints().toArray();
        int vi = 0;
        int pi = 0;
        int lastAny = -1;
        int resumeAt = 0;
        while (vi < v.length) {
            if (pi < p.length && p[pi] == ANY) {
                lastAny = pi++;
                resumeAt = vi;
            } else if (pi < p.length && (p[pi] == ONE || p[pi] == v[vi])) {
                pi++;
                vi++;
            } else if (lastAny >= 0) {
                // Let the latest % absorb one more character and try the rest of the pattern again.
                pi = lastAny + 1;
                vi = ++resumeAt;
            } else {
                return false;
            }
        }
        while (pi < p.length && p[pi] == ANY) {
            pi++;
        }
        return pi == p.length;
    }

    /**
     * Whether H2 evaluates this pattern with {@link #matches} instead of its own {@code LIKE}, which
     * differs on two counts. It could backtrack without bound: the pattern has more than one run of
     * {@code %} followed by more pattern (with one such run H2's work is the value's length times the
     * pattern's, as PostgreSQL's; each further run multiplies it by the value's length again). Or it holds
     * {@code _}, which H2 matches against one UTF-16 unit, half of a character outside the basic
     * multilingual plane such as an emoji, where PostgreSQL matches the whole character.
     *
     * @param pattern a like pattern
     * @return whether H2 should evaluate it with {@link #matches}
     */
    public static boolean replacesH2Like(String pattern) {
        if (pattern.indexOf(ONE) >= 0) {
            return true;
        }
        int inner = 0;
        for (int i = 0; i < pattern.length(); i++) {
            if (pattern.charAt(i) == ANY && i + 1 < pattern.length() && pattern.charAt(i + 1) != ANY) {
                inner++;
            }
        }
        return inner > 1;
    }
}
