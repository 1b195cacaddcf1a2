package dev.datafn.http;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One allowed origin of a {@link CorsPolicy}: {@code *} (any origin), an exact origin
 * ({@code https://todo.example.com}), or one with a wildcard port ({@code http://localhost:*}, any port or
 * none) or wildcard leading host labels ({@code https://*.example.com}, any subdomain but not the domain
 * itself). Compared without regard to case, as browsers send origins in lower case.
 *
 * @param text    the origin as configured
 * @param matcher what it matches
 */
record OriginPattern(String text, Pattern matcher) {

    /** scheme://[*.]host[:port or *], nothing after it: an origin has no path. */
    private static final Pattern SYNTAX = Pattern.compile(
            "([a-z][a-z0-9+.-]*)://(\\*\\.)?([a-z0-9-]+(?:\\.[a-z0-9-]+)*|\\[[0-9a-f:.]+\\])(?::(\\*|[0-9]{1,5}))?",
            Pattern.CASE_INSENSITIVE);

    /**
     * @param origin an allowed origin as configured
     * @return its pattern
     * @throws IllegalArgumentException when it is not {@code *} or an origin, with the wildcards above only
     */
    static OriginPattern parse(String origin) {
        if (origin == null) {
            throw new IllegalArgumentException("an allowed CORS origin is null");
        }
        if (origin.equals("*")) {
            return new OriginPattern(origin, Pattern.compile(".*"));
        }
        Matcher parts = SYNTAX.matcher(origin);
        if (!parts.matches()) {
            throw new IllegalArgumentException("'" + origin + "' is not an origin such as https://app.example.com, "
                    + "http://localhost:* or https://*.example.com (no path, no trailing slash)");
        }
        String port = parts.group(4);
        String regex = Pattern.quote(parts.group(1)) + "://"
                + (parts.group(2) == null ? "" : "(?:[a-z0-9-]+\\.)+")
                + Pattern.quote(parts.group(3))
                + (port == null ? "" : port.equals("*") ? "(?::[0-9]{1,5})?" : Pattern.quote(":" + port));
        return new OriginPattern(origin, Pattern.compile(regex, Pattern.CASE_INSENSITIVE));
    }

    /** @return whether this is {@code *}, every origin */
    boolean anyOrigin() {
        return text.equals("*");
    }

    /** @param origin a request's {@code Origin} header @return whether this pattern allows it */
    boolean matches(String origin) {
        return matcher.matcher(origin).matches();
    }
}
