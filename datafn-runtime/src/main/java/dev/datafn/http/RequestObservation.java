package dev.datafn.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datafn.db.QueryResult;
import dev.datafn.schema.Namespace;
import dev.datafn.schema.SchemaNames;
import dev.datafn.timing.Phases;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What the pipeline learns about one request while it handles it: its resource, namespace, status, rows
 * and, when a timing listener wants them, its phases (the engine adds its own through {@link Phases}).
 */
final class RequestObservation {

    /** The status logged for a caller that went away before its answer: nginx's "client closed request". */
    static final int CLIENT_CLOSED = 499;

    private final String action;
    private final long started = System.nanoTime();
    private final Phases phases;
    private String resource;
    private String namespaceHash;
    private int status = 500;
    private long rows = -1;
    private long workStart;
    private long engineBefore;
    private final String requestId = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    private String error;
    private Throwable failure;
    private boolean serverSide;
    private final java.util.List<Throwable> itemFaults = new java.util.ArrayList<>();

    /** The observation of the request this thread handles, for the faults of a batch's items. */
    private static final ThreadLocal<RequestObservation> CURRENT = new ThreadLocal<>();

    /**
     * @param action the protocol action
     * @param timed  whether to record phases
     */
    RequestObservation(String action, boolean timed) {
        this.action = action;
        this.phases = timed ? Phases.start() : null;
    }

    /**
     * Ends a pipeline phase.
     *
     * @param name       the phase
     * @param startNanos when it began
     * @return now, when the next phase begins
     */
    long phase(String name, long startNanos) {
        long now = System.nanoTime();
        if (phases != null) {
            phases.addMicros(name, (now - startNanos) / 1_000);
        }
        return now;
    }

    /** Marks the start of the endpoint's work, inside which the engine records its own phases. */
    void beginWork() {
        workStart = System.nanoTime();
        engineBefore = phases == null ? 0 : phases.total();
    }

    /**
     * Ends the endpoint's work: what the engine did not attribute to a phase of its own is the work
     * proper, {@code write} for a write (one that validated mutations) and {@code execute} otherwise.
     *
     * @return now
     */
    long endWork() {
        long now = System.nanoTime();
        if (phases != null) {
            long engine = phases.total() - engineBefore;
            long rest = (now - workStart) / 1_000 - engine;
            phases.addMicros(phases.has("validate") || phases.has("sequence") ? "write" : "execute", rest);
        }
        return now;
    }

    /**
     * Marks the start of a streamed answer, inside which the engine records its reads as {@code execute}.
     */
    void beginStream() {
        beginWork();
    }

    /** Ends a streamed answer: what the engine did not attribute to its reads is {@code serialize}. */
    void endStream() {
        if (phases != null) {
            long engine = phases.total() - engineBefore;
            phases.addMicros("serialize", (System.nanoTime() - workStart) / 1_000 - engine);
        }
    }

    /** @param refusal why the request was refused: its status and code, a client fault */
    void refused(dev.datafn.error.DataFnException refusal) {
        status(refusal.code().httpStatus());
        error = refusal.code().name();
    }

    /**
     * The request failed on the server's side: a fault (500), or shutdown stopped it (503).
     *
     * @param status  the status answered (or, for a stream already under way, the one it stands for)
     * @param code    the error code
     * @param failure what failed
     */
    void failedOnServer(int status, dev.datafn.error.ErrorCode code, Throwable failure) {
        status(status);
        error = code.name();
        this.failure = failure;
        serverSide = true;
    }

    /**
     * The caller went away: it aborted its upload or hung up while the answer was written. Nobody hears an
     * answer, so none is sent; logged as 499 (as nginx does), a client fault.
     *
     * @param failure how the connection failed
     */
    void clientGone(Throwable failure) {
        status(CLIENT_CLOSED);
        error = "CLIENT_CLOSED_REQUEST";
        this.failure = failure;
        serverSide = false;
    }

    /** Makes this the observation of the request this thread handles, until {@link #unbind}. */
    void bind() {
        CURRENT.set(this);
    }

    /** Ends {@link #bind}. */
    void unbind() {
        CURRENT.remove();
    }

    /**
     * Records that an item of the request this thread handles failed on the server's side while the request
     * itself is answered (a batch, a push): its fault is logged with the request's id.
     *
     * @param failure what failed
     */
    static void itemFailed(Throwable failure) {
        RequestObservation current = CURRENT.get();
        if (current != null) {
            current.itemFaults.add(failure);
        }
    }

    /** @return the server-side failures of items of this request, in order */
    java.util.List<Throwable> itemFaults() {
        return itemFaults;
    }

    /** @return the request's id, on its access line, fault entry and {@code X-Request-Id} header */
    String requestId() {
        return requestId;
    }

    /** @return the error code of a failed request, or {@code null} */
    String error() {
        return error;
    }

    /** @return the exception a request failed with, or {@code null} */
    Throwable failure() {
        return failure;
    }

    /** @return whether the failure was the server's (a fault, or shutdown), not the caller's */
    boolean serverSide() {
        return serverSide;
    }

    /** @param namespace the caller's namespace, kept only as a hash */
    void namespace(Namespace namespace) {
        this.namespaceHash = hash(namespace.value());
    }

    /** @param payload the request's DFQL form, whose {@code resource} names what it is about */
    void payload(JsonNode payload) {
        if (payload != null && payload.isObject() && payload.path("resource").isTextual()) {
            String named = payload.path("resource").asText();
            // Only a name of the schema's form is logged: a hostile value is not copied into the logs.
            this.resource = SchemaNames.RESOURCE_NAME.matcher(named).matches() ? named : null;
        }
    }

    /** @param result the result placed in the envelope, whose {@code data} rows are counted */
    void result(JsonNode result) {
        QueryResult answer = Envelope.answerIn(result);
        if (answer != null) {
            rows = answer.size();
        } else if (result != null && result.path("data").isArray()) {
            rows = result.path("data").size();
        }
    }

    /** @param status the HTTP status answered */
    void status(int status) {
        this.status = status;
    }

    /** @return the event, once the answer is sent; stops recording phases on this thread */
    TimingEvent finish() {
        long total = (System.nanoTime() - started) / 1_000;
        if (phases != null) {
            phases.stop();
        }
        return new TimingEvent(action, resource, namespaceHash, status, total, rows,
                phases == null ? java.util.Map.of() : phases.asMap());
    }

    /** The namespaces hashed lately: most requests come from namespaces seen moments before. */
    private static final java.util.Map<String, String> HASHED = new java.util.concurrent.ConcurrentHashMap<>();
    /** The most hashes kept; past it the cache starts over, so hostile namespaces cannot grow it. */
    private static final int MOST_HASHED = 4_096;

    /** A namespace's stable short name for logs and metrics: the first 12 hex digits of its SHA-256. */
    static String hash(String namespace) {
        String known = HASHED.get(namespace);
        if (known != null) {
            return known;
        }
        if (HASHED.size() >= MOST_HASHED) {
            HASHED.clear();
        }
        String hashed = sha256Prefix(namespace);
        HASHED.put(namespace, hashed);
        return hashed;
    }

    private static String sha256Prefix(String namespace) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(namespace.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
