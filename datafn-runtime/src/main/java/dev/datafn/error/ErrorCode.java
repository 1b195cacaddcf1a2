package dev.datafn.error;

/**
 * Every error code DataFn answers with, and the HTTP status each maps to. This is the one table of
 * codes and statuses: the HTTP layer reads the status from here and nowhere else.
 */
public enum ErrorCode {
    /** The request is malformed: bad JSON, a wrong value type, an unknown operator, a limit exceeded. */
    DFQL_INVALID(400),
    /** The request names a resource the schema does not have. */
    DFQL_UNKNOWN_RESOURCE(400),
    /** The request names a field the resource does not have. */
    DFQL_UNKNOWN_FIELD(400),
    /** The request names a relation the resource does not have. */
    DFQL_UNKNOWN_RELATION(400),
    /** The request uses a feature this server does not offer (yet, or with this configuration). */
    DFQL_UNSUPPORTED(400),
    /** The query was cancelled by its caller or stopped by the statement timeout. */
    DFQL_ABORTED(408),
    /** A record value breaks a schema constraint (required, maxLength, min, max, pattern, enum). */
    VALIDATION_FAILED(400),
    /** The request carries no valid credentials. */
    UNAUTHORIZED(401),
    /** The caller may not do this. */
    FORBIDDEN(403),
    /** The record or route does not exist (in the caller's namespace). */
    NOT_FOUND(404),
    /** The HTTP method is not allowed on this route. */
    METHOD_NOT_ALLOWED(405),
    /** The write conflicts with the current state: a unique value taken, an id in use, a failed guard. */
    CONFLICT(409),
    /** The request body is larger than {@code maxPayloadBytes}. */
    PAYLOAD_TOO_LARGE(413),
    /** The request body is not JSON. */
    UNSUPPORTED_MEDIA_TYPE(415),
    /**
     * A sync cursor is older than the retained change log: the changes after it were pruned, so the
     * client must clone the table again rather than pull.
     */
    CURSOR_EXPIRED(410),
    /** An idempotency key (clientId + mutationId) was reused with a different payload. */
    IDEMPOTENCY_KEY_REUSED(422),
    /** Too many requests; retry later. */
    RATE_LIMITED(429),
    /** The server is shutting down or a dependency is unavailable; retry later. */
    SERVICE_UNAVAILABLE(503),
    /** An unexpected server-side failure; details are logged, never sent. */
    INTERNAL(500);

    private final int httpStatus;

    ErrorCode(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    /** @return the HTTP status answered with this code */
    public int httpStatus() {
        return httpStatus;
    }
}
