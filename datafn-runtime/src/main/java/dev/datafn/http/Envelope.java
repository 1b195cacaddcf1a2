package dev.datafn.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datafn.error.DataFnException;
import dev.datafn.error.ErrorCode;
import dev.datafn.json.Json;

/** The response envelope of every DataFn endpoint: {@code {"ok": true, "result"}} or {@code {"ok": false, "error"}}. */
public final class Envelope {

    private Envelope() {
    }

    /** @param result the result @return the success envelope */
    public static ObjectNode ok(JsonNode result) {
        ObjectNode out = Json.object();
        out.put("ok", true);
        out.set("result", result);
        return out;
    }

    /**
     * @param e     the failure
     * @param debug whether messages may name fields and values; when not, each code has a generic message
     * @return the error envelope
     */
    public static ObjectNode error(DataFnException e, boolean debug) {
        ObjectNode out = Json.object();
        out.put("ok", false);
        ObjectNode error = out.putObject("error");
        error.put("code", e.code().name());
        error.put("message", debug ? e.getMessage() : genericMessage(e.code()));
        if (e.path() != null) {
            error.put("path", e.path());
        }
        if (e.details() != null) {
            error.set("details", e.details());
        }
        return out;
    }

    private static String genericMessage(ErrorCode code) {
        return switch (code) {
            case DFQL_INVALID, DFQL_UNKNOWN_RESOURCE, DFQL_UNKNOWN_FIELD, DFQL_UNKNOWN_RELATION, DFQL_UNSUPPORTED,
                 VALIDATION_FAILED -> "invalid request";
            case DFQL_ABORTED -> "query aborted";
            case UNAUTHORIZED -> "unauthorized";
            case FORBIDDEN -> "forbidden";
            case NOT_FOUND -> "not found";
            case METHOD_NOT_ALLOWED -> "method not allowed";
            case CONFLICT -> "conflict";
            case PAYLOAD_TOO_LARGE -> "payload too large";
            case UNSUPPORTED_MEDIA_TYPE -> "unsupported media type";
            case CURSOR_EXPIRED -> "sync cursor expired; clone again";
            case IDEMPOTENCY_KEY_REUSED -> "idempotency key reused with a different request";
            case RATE_LIMITED -> "rate limited";
            case SERVICE_UNAVAILABLE -> "service unavailable";
            case INTERNAL -> "internal error";
        };
    }
}
