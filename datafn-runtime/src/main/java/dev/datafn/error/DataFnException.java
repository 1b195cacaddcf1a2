package dev.datafn.error;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * A failure DataFn reports to its caller: a code, a message meant for the client, and the JSON path
 * of the offending part of the request ({@code filters.priority.gt}), when there is one. Over HTTP it
 * becomes {@code {"ok": false, "error": {"code", "message", "path"}}}.
 */
public class DataFnException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final String path;
    private ObjectNode details;

    /**
     * @param code    the error code
     * @param message what is wrong and, where possible, how to fix it
     * @param path    the JSON path of the offending value, or {@code null}
     */
    public DataFnException(ErrorCode code, String message, String path) {
        this(code, message, path, null);
    }

    private DataFnException(ErrorCode code, String message, String path, Throwable cause) {
        super(message, cause, false, false);
        this.code = Objects.requireNonNull(code, "code");
        this.path = path;
    }

    /**
     * The refusal of one item of a batch that failed on the server's side: the caller reads
     * {@code internal error}, and the failure stays attached as the cause, for the HTTP layer to log (its
     * fault entry) or an in-process caller to inspect.
     *
     * @param cause what failed
     * @return an {@link ErrorCode#INTERNAL} exception with that cause
     */
    public static DataFnException internal(Throwable cause) {
        return new DataFnException(ErrorCode.INTERNAL, "internal error", null, cause);
    }

    /**
     * A refusal because something the server depends on cannot be reached now (the database, Redis): the caller
     * reads the message and retries later; the failure stays attached as the cause, for the logs.
     *
     * @param message what cannot be reached, and that the caller should retry
     * @param cause   what failed
     * @return a {@link ErrorCode#SERVICE_UNAVAILABLE} exception with that cause
     */
    public static DataFnException unavailable(String message, Throwable cause) {
        return new DataFnException(ErrorCode.SERVICE_UNAVAILABLE, message, null, cause);
    }

    /**
     * @param code    the error code
     * @param message what is wrong
     */
    public DataFnException(ErrorCode code, String message) {
        this(code, message, null);
    }

    /**
     * A request error ({@link ErrorCode#DFQL_INVALID}) at a JSON path.
     *
     * @param path    the JSON path
     * @param message what is wrong
     * @return the exception
     */
    public static DataFnException invalid(String path, String message) {
        return new DataFnException(ErrorCode.DFQL_INVALID, message, path);
    }

    /**
     * Attaches facts the caller can act on, answered as {@code error.details} (e.g. the current
     * serverSeq of a record whose guard failed). Never put server internals here.
     *
     * @param details a JSON object
     * @return this exception
     */
    public DataFnException withDetails(ObjectNode details) {
        this.details = details;
        return this;
    }

    /** @return the details for the caller, or {@code null} */
    public ObjectNode details() {
        return details;
    }

    /** @return the error code */
    public ErrorCode code() {
        return code;
    }

    /** @return the JSON path of the offending value, or {@code null} */
    public String path() {
        return path;
    }
}
