package dev.datafn.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.util.regex.Pattern;

/**
 * Words a JSON syntax error for a client: where it is, and what is wrong in the parser's own words, but
 * without the parser's class, setting and source names that its messages carry
 * ({@code enable `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS` to allow}, {@code [Source: REDACTED ...]}),
 * which say how the server is built and nothing the client can act on.
 */
final class JsonSyntax {

    /** The parser's advice to change one of its settings, which only the server could follow. */
    private static final Pattern SETTING_ADVICE = Pattern.compile(
            "\\s*[:;,]?\\s*(?:\\()?(?:enable|use) `[^`]*`[^.;)]*\\)?|\\s*\\(not recognized as one since Feature '[^']*'"
                    + " not enabled for parser\\)");

    /** Where the parser says an unclosed object or array began: its source description included. */
    private static final Pattern START_MARKER = Pattern.compile("\\s*\\(start marker at .*$", Pattern.DOTALL);

    private JsonSyntax() {
    }

    /**
     * @param e        what the parser reported
     * @param maxDepth the deepest nesting accepted
     * @return the message for the client: {@code malformed JSON at line 1, column 9: ...}
     */
    static String message(JsonProcessingException e, int maxDepth) {
        return "malformed JSON" + where(e.getLocation()) + ": " + what(e, maxDepth);
    }

    private static String what(JsonProcessingException e, int maxDepth) {
        String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (e instanceof StreamConstraintsException) {
            if (original.contains("nesting depth")) {
                return "nested more than " + maxDepth + " levels deep";
            }
            if (original.startsWith("Number value length")) {
                return "a number with too many digits";
            }
            if (original.startsWith("String value length") || original.startsWith("Name length")) {
                return "a string or name too long";
            }
            return "a value larger than the parser accepts";
        }
        String cleaned = SETTING_ADVICE.matcher(START_MARKER.matcher(original).replaceAll("")).replaceAll("").trim();
        if (cleaned.isEmpty() || cleaned.contains("`") || cleaned.contains("Source:") || cleaned.contains("Feature")) {
            return "not well-formed";
        }
        return cleaned;
    }

    private static String where(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
