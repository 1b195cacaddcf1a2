package dev.datafn.http;

import dev.datafn.error.DataFnException;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Seed 002's path traversal protection: each segment of the path as the client sent it is URL-decoded
 * and refused with 400 when it holds {@code ..}, a NUL, or a slash or backslash (which only an encoded
 * {@code %2F} or {@code %5C} can put inside a segment). It reads the raw path because the router sees
 * the decoded and normalized one, where {@code ..%2F..%2Fetc} is already gone and {@code /todos/..} has
 * become another route. A refused request is answered before anything else of it is read.
 */
final class PathTraversalGuard implements Handler {

    private final RequestPipeline pipeline;

    /** @param pipeline answers the refusal in the envelope */
    PathTraversalGuard(RequestPipeline pipeline) {
        this.pipeline = pipeline;
    }

    @Override
    public void handle(ServerRequest req, ServerResponse res) {
        if (refused(req.prologue().uriPath().rawPathNoParams())) {
            pipeline.fail(res, DataFnException.invalid("path", "invalid path segment: '..', NUL and encoded "
                    + "slashes are not allowed"));
        } else {
            res.next();
        }
    }

    /**
     * @param rawPath a path as sent, percent-encoded
     * @return whether one of its segments, decoded, could step out of its place
     */
    static boolean refused(String rawPath) {
        for (String raw : rawPath.split("/", -1)) {
            String segment = decoded(raw);
            if (segment == null || segment.contains("..") || segment.indexOf('\0') >= 0 || segment.indexOf('/') >= 0
                    || segment.indexOf('\\') >= 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * @return the segment percent-decoded as UTF-8, or {@code null} when its encoding is broken ({@code '+'}
     *         becomes a space, which changes nothing checked here)
     */
    private static String decoded(String raw) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException broken) {
            return null;
        }
    }
}
