package dev.datafn.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link LikeMatcher} against the meaning of SQL LIKE, written as an equivalent regular expression. */
class LikeMatcherTest {

    @Test
    void matchesAsSqlLikeWithoutAnEscapeCharacter() {
        assertThat(LikeMatcher.matches("Buy milk", "Buy%")).isTrue();
        assertThat(LikeMatcher.matches("Buy milk", "%milk")).isTrue();
        assertThat(LikeMatcher.matches("Buy milk", "%y_m%")).isTrue();
        assertThat(LikeMatcher.matches("Buy milk", "%y_m")).isFalse();
        assertThat(LikeMatcher.matches("", "%")).isTrue();
        assertThat(LikeMatcher.matches("", "_")).isFalse();
        assertThat(LikeMatcher.matches("a\\b", "a\\_")).isTrue();
        assertThat(LikeMatcher.matches("a%b", "a\\%b")).isFalse();
        // One _ is one character, also outside the basic multilingual plane.
        assertThat(LikeMatcher.matches("x\uD83D\uDE00y", "x_y")).isTrue();
        assertThat(LikeMatcher.matches(null, "%")).isNull();
        assertThat(LikeMatcher.matches("a", null)).isNull();
    }

    @Test
    void agreesWithARegularExpressionOnRandomValuesAndPatterns() {
        SplittableRandom random = new SplittableRandom(20261204L);
        for (int i = 0; i < 20_000; i++) {
            String value = word(random, "ab", random.nextInt(8));
            String pattern = word(random, "ab%_", random.nextInt(7));
            assertThat(LikeMatcher.matches(value, pattern)).as("'%s' like '%s'", value, pattern)
                    .isEqualTo(regex(pattern).matcher(value).matches());
        }
    }

    @Test
    void anAdversarialPatternOverALongValueTakesLinearSteps() {
        String value = "a".repeat(1_000_000);
        assertThat(LikeMatcher.matches(value, "%a%a%a%a%a%a%b")).isFalse();
        assertThat(LikeMatcher.matches(value, "%a%a%a%a%a%a%")).isTrue();
    }

    @Test
    void patternsWithSeveralInnerWildcardRunsOrAnUnderscoreLeaveH2sLike() {
        assertThat(LikeMatcher.replacesH2Like("%milk%")).isFalse();
        assertThat(LikeMatcher.replacesH2Like("Buy%")).isFalse();
        assertThat(LikeMatcher.replacesH2Like("%a%%")).isFalse();
        assertThat(LikeMatcher.replacesH2Like("%a%b")).isTrue();
        assertThat(LikeMatcher.replacesH2Like("%a%a%a%b")).isTrue();
        assertThat(LikeMatcher.replacesH2Like("x_y")).isTrue();
    }

    private static String word(SplittableRandom random, String alphabet, int length) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    private static Pattern regex(String like) {
        StringBuilder out = new StringBuilder();
        for (char c : like.toCharArray()) {
            out.append(c == '%' ? ".*" : c == '_' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(out.toString(), Pattern.DOTALL);
    }
}
