package dev.datafn.processor.generate.contract;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The runtime's error codes ({@code dev.datafn.error.ErrorCode}) and the HTTP status of each, copied here
 * because the processor does not depend on the runtime; a test holds this table against the real one.
 */
public final class ErrorCodes {

    /** Every code, in the runtime's declaration order, with its HTTP status. */
    public static final Map<String, Integer> STATUS_BY_CODE = statusByCode();

    private ErrorCodes() {
    }

    private static Map<String, Integer> statusByCode() {
        Map<String, Integer> codes = new LinkedHashMap<>();
        codes.put("DFQL_INVALID", 400);
        codes.put("DFQL_UNKNOWN_RESOURCE", 400);
        codes.put("DFQL_UNKNOWN_FIELD", 400);
        codes.put("DFQL_UNKNOWN_RELATION", 400);
        codes.put("DFQL_UNSUPPORTED", 400);
        codes.put("DFQL_ABORTED", 408);
        codes.put("VALIDATION_FAILED", 400);
        codes.put("UNAUTHORIZED", 401);
        codes.put("FORBIDDEN", 403);
        codes.put("NOT_FOUND", 404);
        codes.put("METHOD_NOT_ALLOWED", 405);
        codes.put("CONFLICT", 409);
        codes.put("PAYLOAD_TOO_LARGE", 413);
        codes.put("UNSUPPORTED_MEDIA_TYPE", 415);
        codes.put("CURSOR_EXPIRED", 410);
        codes.put("IDEMPOTENCY_KEY_REUSED", 422);
        codes.put("RATE_LIMITED", 429);
        codes.put("SERVICE_UNAVAILABLE", 503);
        codes.put("INTERNAL", 500);
        return java.util.Collections.unmodifiableMap(codes);
    }
}
