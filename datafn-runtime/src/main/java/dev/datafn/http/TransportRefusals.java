package dev.datafn.http;

import dev.datafn.error.DataFnException;
import dev.datafn.error.ErrorCode;
import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderValues;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.helidon.webserver.http.DirectHandlers;
import java.nio.charset.StandardCharsets;

/**
 * Answers in DataFn's envelope the requests the web server refuses before any route sees them: a request
 * line or URI it cannot read (an invalid percent-escape such as {@code ?q=%zz}), one too long (414),
 * headers too large (400). Without it those answers have an empty body, which no DataFn client can read.
 * Each answer keeps the web server's status, with a fixed message: what the server's own message says
 * about its parser stays in its log.
 */
final class TransportRefusals implements DirectHandler {

    private final boolean debug;

    private TransportRefusals(boolean debug) {
        this.debug = debug;
    }

    /**
     * @param debug whether messages say what was refused; otherwise each code's generic message
     * @return a handler of every event type that answers in the envelope
     */
    static DirectHandlers all(boolean debug) {
        TransportRefusals handler = new TransportRefusals(debug);
        DirectHandlers.Builder builder = DirectHandlers.builder();
        for (EventType type : EventType.values()) {
            builder.addHandler(type, handler);
        }
        return builder.build();
    }

    @Override
    public TransportResponse handle(TransportRequest request, EventType eventType, Status status,
            ServerResponseHeaders headers, String message) {
        headers.set(HeaderValues.CONTENT_TYPE_JSON);
        byte[] body = Envelope.error(new DataFnException(code(status), describe(status)), debug).toString()
                .getBytes(StandardCharsets.UTF_8);
        return TransportResponse.builder()
                .status(status)
                .headers(headers)
                .keepAlive(eventType.keepAlive())
                .entity(body)
                .build();
    }

    private static ErrorCode code(Status status) {
        return switch (status.code()) {
            case 401 -> ErrorCode.UNAUTHORIZED;
            case 403 -> ErrorCode.FORBIDDEN;
            case 404 -> ErrorCode.NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
            case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
            case 429 -> ErrorCode.RATE_LIMITED;
            case 503 -> ErrorCode.SERVICE_UNAVAILABLE;
            default -> status.code() >= 500 ? ErrorCode.INTERNAL : ErrorCode.DFQL_INVALID;
        };
    }

    private static String describe(Status status) {
        return switch (status.code()) {
            case 400 -> "the request is not valid HTTP: its request line, URI or headers cannot be read";
            case 413 -> "the request body is too large";
            case 414 -> "the request URI is too long; send long queries to POST /query";
            case 505 -> "this HTTP version is not supported";
            default -> status.code() >= 500 ? "internal error" : "the request was refused: " + status.reasonPhrase();
        };
    }
}
