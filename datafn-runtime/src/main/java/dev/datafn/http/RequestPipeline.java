package dev.datafn.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datafn.DataFn;
import dev.datafn.db.AnswerBudget;
import dev.datafn.db.DatabaseUnavailable;
import dev.datafn.db.ReadCancellation;
import dev.datafn.error.DataFnException;
import dev.datafn.db.StatementCancel;
import dev.datafn.error.ErrorCode;
import dev.datafn.schema.Namespace;
import dev.datafn.json.Json;
import dev.datafn.spi.Authenticator;
import dev.datafn.spi.Authorizer;
import dev.datafn.spi.Caller;
import dev.datafn.spi.NamespaceProvider;
import io.helidon.common.buffers.DataReader;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/**
 * The one way every request is handled, by the protocol's endpoints and the REST routes alike:
 * pass the shutdown gate (503 once the engine stops), authenticate the caller, find the caller's namespace and actor, take the request from the caller's rate
 * limit, read the body within {@code maxPayloadBytes}, authorize, run the
 * endpoint's work, and answer in the envelope. A {@link DataFnException} becomes its code's status;
 * anything else is answered 500 with a generic message, never a stack trace, and logged through the
 * {@link dev.datafn.spi.DataFnLogger} with the request's id (see {@link FaultLog}). An endpoint
 * only supplies its work, so no endpoint can skip a check.
 */
final class RequestPipeline {

    private static final Logger LOG = System.getLogger(RequestPipeline.class.getName());
    /** The response header naming the request in the logs. */
    private static final io.helidon.http.HeaderName REQUEST_ID = HeaderNames.create("X-Request-Id");

    private final DataFn datafn;
    private final Authenticator authenticator;
    private final RateLimiter rateLimiter;
    private final NamespaceProvider namespaces;
    private final boolean rowLevelNamespace;
    private final Authorizer authorizer;
    private final int maxPayloadBytes;
    private final BodyDeadline bodyDeadline;
    private final boolean debug;
    private final RequestObservers observers;
    private final ClientDisconnects disconnects = ClientDisconnects.get();

    /**
     * @param datafn          the engine, restricted per request to what its caller may read and write
     * @param authenticator   proves who makes each request, or {@code null} to take every request as it is
     * @param rateLimit       each caller's request budget, or {@code null} for none
     * @param namespaces      maps requests to namespaces
     * @param rowLevelNamespace whether each namespace has its own data; otherwise all share the default one
     * @param authorizer      allows or refuses requests
     * @param maxPayloadBytes the largest body accepted
     * @param bodyReadTimeout the longest a body may take to arrive
     * @param debug           whether error messages carry details
     * @param observers       who hears how each request went (timing listeners, the access log)
     */
    RequestPipeline(DataFn datafn, Authenticator authenticator, RateLimit rateLimit, NamespaceProvider namespaces,
            boolean rowLevelNamespace, Authorizer authorizer, int maxPayloadBytes, java.time.Duration bodyReadTimeout,
            boolean debug, RequestObservers observers) {
        this.observers = observers;
        this.datafn = datafn;
        this.authenticator = authenticator;
        this.rateLimiter = rateLimit == null ? null : new RateLimiter(rateLimit);
        this.namespaces = namespaces;
        this.rowLevelNamespace = rowLevelNamespace;
        this.authorizer = authorizer;
        this.maxPayloadBytes = maxPayloadBytes;
        this.bodyDeadline = new BodyDeadline(bodyReadTimeout);
        this.debug = debug;
    }

    /** An endpoint's work once the request is accepted. */
    @FunctionalInterface
    interface Action {
        /**
         * @param scope   the caller's namespace and actor
         * @param payload the parsed body, or {@code null} when the endpoint takes none
         * @return the result placed in the envelope
         */
        JsonNode run(RequestScope scope, JsonNode payload);
    }

    /**
     * Handles one request end to end.
     *
     * @param req      the request
     * @param res      the response
     * @param action   the authorization action name
     * @param withBody whether the endpoint reads a JSON body
     * @param work     the endpoint's work
     */
    void handle(ServerRequest req, ServerResponse res, String action, boolean withBody, Action work) {
        handle(req, res, action, withBody, (request, body) -> body, work);
    }

    /** Turns a request into the DFQL operation it stands for, so authorization decides on that. */
    @FunctionalInterface
    interface Translation {
        /**
         * @param req  the request
         * @param body the parsed body, or {@code null} when the endpoint takes none
         * @return the DFQL form of the operation (a query or mutation object)
         */
        JsonNode dfql(ServerRequest req, JsonNode body);
    }

    /**
     * Handles one request that is not in DFQL form (a REST wrapper): its DFQL form is what the authorizer
     * sees and what the work gets.
     *
     * @param req       the request
     * @param res       the response
     * @param action    the authorization action name
     * @param withBody  whether the endpoint reads a JSON body
     * @param translate the request's DFQL form
     * @param work      the endpoint's work, given the DFQL form
     */
    void handle(ServerRequest req, ServerResponse res, String action, boolean withBody, Translation translate,
            Action work) {
        handleStreaming(req, res, action, withBody, translate,
                (scope, payload) -> Reply.of(work.run(scope, payload)));
    }

    /** An endpoint's work that may answer with a stream instead of a built result. */
    @FunctionalInterface
    interface StreamingAction {
        /**
         * @param scope   the caller's namespace and actor
         * @param payload the parsed body
         * @return a result for the envelope, or a stream that writes the whole body (envelope included)
         */
        Reply run(RequestScope scope, JsonNode payload);
    }

    /**
     * What a {@link StreamingAction} answers: a result placed in the envelope, or a writer of the whole
     * body. Everything that can be refused must be checked before a stream is returned: once it writes,
     * the status is sent.
     *
     * @param result      the result, or {@code null} for a stream
     * @param stream      writes the body, or {@code null} for a result
     * @param contentType the media type of a streamed body
     */
    record Reply(JsonNode result, java.util.function.Consumer<com.fasterxml.jackson.core.JsonGenerator> stream,
            String contentType) {

        /** The work admitted a protocol switch: nothing is answered here, the new protocol takes the connection. */
        static final Reply SWITCHING = new Reply(null, null, null);

        /** @param result the result @return a reply with it in the envelope */
        static Reply of(JsonNode result) {
            return new Reply(result, null, null);
        }

        /** @param stream writes the body, JSON @return a streamed reply */
        static Reply streamed(java.util.function.Consumer<com.fasterxml.jackson.core.JsonGenerator> stream) {
            return new Reply(null, stream, "application/json");
        }

        /**
         * @param contentType the body's media type
         * @param text        the whole body, written as it is
         * @return a reply of a stored document (a contract the processor wrote), not in the envelope
         */
        static Reply document(String contentType, String text) {
            return new Reply(null, out -> {
                try {
                    out.writeRaw(text);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, contentType);
        }
    }

    /**
     * Handles one request whose answer may be streamed. A failure before the stream starts is answered in
     * the envelope; one during it can only be logged and the connection cut, which the client sees as a
     * truncated body.
     *
     * @param req      the request
     * @param res      the response
     * @param action   the authorization action name
     * @param withBody whether the endpoint reads a JSON body
     * @param work     the endpoint's work
     */
    void handleStreaming(ServerRequest req, ServerResponse res, String action, boolean withBody,
            StreamingAction work) {
        handleStreaming(req, res, action, withBody, (request, body) -> body, work);
    }

    /**
     * Admits a protocol switch (the WebSocket upgrade of {@code GET /ws}) through every stage, as one
     * request of the access log answered 101; the connection is not watched, since its bytes after the
     * request belong to the new protocol. A refusal is answered in the envelope and the switch does not
     * happen.
     *
     * @param req    the upgrade request
     * @param res    its response, which a refusal answers
     * @param action the authorization action name
     * @param accept checks what the switch needs beyond the pipeline (e.g. room for one more connection) and
     *               takes the caller's scope; throws a {@link DataFnException} to refuse
     * @return whether the switch may go on
     */
    boolean admitSwitch(ServerRequest req, ServerResponse res, String action,
            java.util.function.Consumer<RequestScope> accept) {
        handleStreaming(req, res, action, false, (request, body) -> body, (scope, payload) -> {
            accept.accept(scope);
            return Reply.SWITCHING;
        }, Entry.SWITCH);
        return !res.isSent();
    }

    private void handleStreaming(ServerRequest req, ServerResponse res, String action, boolean withBody,
            Translation translate, StreamingAction work) {
        handleStreaming(req, res, action, withBody, translate, work, Entry.REQUEST);
    }

    /**
     * Handles one request of an endpoint callers reach before they hold a token (an application's sign-in): every
     * stage but authentication, with the rate limit of the client's address and no namespace.
     *
     * @param req    the request
     * @param res    the response
     * @param action the action name
     * @param work   the endpoint's work, given the request and its parsed JSON body
     */
    void handleOpen(ServerRequest req, ServerResponse res, String action,
            java.util.function.BiFunction<ServerRequest, JsonNode, JsonNode> work) {
        handleStreaming(req, res, action, true, (request, body) -> body,
                (scope, payload) -> Reply.of(work.apply(req, payload)), Entry.OPEN);
    }

    /** How a request entered the pipeline: it decides which stages apply. */
    private enum Entry {
        /** An ordinary request: every stage. */
        REQUEST,
        /** A protocol switch: every stage, and the connection is not watched once admitted. */
        SWITCH,
        /** An endpoint reached without a token: every stage but authentication, rate-limited by address. */
        OPEN
    }

    /** @return the scope of a request without a caller: the default namespace, and what anonymous callers may do */
    private RequestScope anonymous() {
        return new RequestScope(Namespace.DEFAULT, null, datafn.restrictedTo(datafn.access(null)));
    }

    private void handleStreaming(ServerRequest req, ServerResponse res, String action, boolean withBody,
            Translation translate, StreamingAction work, Entry entry) {
        // The shutdown gate, before every other stage: once the engine stops, a request is answered 503 at
        // once; one admitted before runs to its end, its answer written, while shutdown waits for it.
        DataFn.InFlight admitted;
        try {
            admitted = datafn.admit();
        } catch (DataFnException e) {
            fail(res, e);
            return;
        }
        try (admitted) {
            RequestObservation observation = observers.start(action);
            res.header(REQUEST_ID, observation.requestId());
            observation.bind();
            try {
                runWatched(req, res, action, withBody, translate, work, observation, entry);
            } finally {
                observation.unbind();
                observers.finish(observation);
            }
        }
    }

    /**
     * Runs the stages with the request's reads in one {@link ReadCancellation}, which the watch on the
     * client's connection cancels when the client closes it while the request runs.
     */
    private void runWatched(ServerRequest req, ServerResponse res, String action, boolean withBody,
            Translation translate, StreamingAction work, RequestObservation seen, Entry entry) {
        ReadCancellation reads = new ReadCancellation();
        ClientDisconnects.Watch watch = disconnects.watch(reads::cancel);
        // What the request reads to build its answer is counted until the answer is sent, then given back.
        AnswerBudget budget = datafn.answerBudget();
        try {
            reads.run(() -> budget.run(() -> {
                run(req, res, action, withBody, translate, work, seen, watch, entry);
                return null;
            }));
        } finally {
            budget.close();
            watch.close();
        }
    }

    /** The stages, in order; every endpoint passes all of them. {@code seen} is null when nobody watches. */
    private void run(ServerRequest req, ServerResponse res, String action, boolean withBody, Translation translate,
            StreamingAction work, RequestObservation seen, ClientDisconnects.Watch watch, Entry entry) {
        Reply reply;
        try {
            long start = System.nanoTime();
            boolean open = entry == Entry.OPEN;
            if (!open) {
                authenticate(req);
            }
            RequestScope scope = open ? anonymous() : scope(req);
            rateLimit(req, res, scope, action, open);
            long phase = seen == null ? 0 : seen.phase("authorize", start);
            if (seen != null) {
                seen.namespace(scope.namespace());
            }
            JsonNode body = withBody ? Json.parse(readBody(req), "") : null;
            JsonNode payload = translate.dfql(req, body);
            phase = seen == null ? 0 : seen.phase("parse", phase);
            if (seen != null) {
                seen.payload(payload);
            }
            authorize(req, action, payload);
            if (entry != Entry.SWITCH && (withBody || !req.content().hasEntity())) {
                // Only once the body is read whole: bytes waiting after it are the next request's.
                watch.start(req);
            }
            if (seen != null) {
                phase = seen.phase("authorize", phase);
                seen.beginWork();
            }
            reply = work.run(scope, payload);
            if (seen != null) {
                phase = seen.endWork();
                seen.result(reply.result());
            }
            if (reply == Reply.SWITCHING) {
                if (seen != null) {
                    seen.status(101);
                }
                return;
            }
            if (reply.stream() == null) {
                watch.close();
                if (watch.clientGone()) {
                    // Done, but nobody waits for the answer (a write the client left during completed).
                    abandoned(res, seen);
                    return;
                }
                JsonAnswer.send(res, 200, Envelope.ok(reply.result()));
                if (seen != null) {
                    seen.phase("serialize", phase);
                    seen.status(200);
                }
                return;
            }
        } catch (ClientGone e) {
            // Nobody is left to hear an answer: the connection is closed, and the request logged as 499.
            if (seen != null) {
                seen.clientGone(e.getCause());
            }
            // Ends the request without an answer, which Helidon otherwise reports as a route that sent nothing
            // and a server error with its stack: this exception closes the connection quietly.
            throw new CloseConnectionException("the caller went away", e);
        } catch (RuntimeException e) {
            watch.close();
            if (watch.clientGone()) {
                abandoned(res, seen);
                return;
            }
            answerFailure(res, seen, action, e);
            return;
        }
        if (seen != null) {
            seen.beginStream();
        }
        String contentType = reply.contentType();
        // Written through the watch, which goes on watching: a stream can wait long on its reads. The status goes
        // out with the body's first bytes, so a failure before them (the first read timing out, say) is still
        // answered in the envelope with its own status.
        DeferredBody body = new DeferredBody(() -> {
            res.status(Status.OK_200);
            res.header(HeaderNames.CONTENT_TYPE, contentType);
            if (seen != null) {
                seen.status(200);
            }
            return watch.guard(res.outputStream());
        });
        try {
            // Closed only on success: closing after a failure would end the body as if it were whole (the
            // generator closes open arrays and objects, the stream writes the last chunk).
            com.fasterxml.jackson.core.JsonGenerator out = Json.MAPPER.getFactory().createGenerator(body);
            reply.stream().accept(out);
            out.close();
        } catch (IOException | RuntimeException e) {
            if (!body.committed() && !watch.clientGone() && !ClientGone.hungUp(e) && e instanceof RuntimeException failure) {
                answerFailure(res, seen, action, failure);
                return;
            }
            // The status is sent: the only way left to say the body is incomplete is to cut the connection,
            // which Helidon does quietly for this exception; the failure is logged here, through the logger.
            if (seen != null) {
                if (watch.clientGone() || ClientGone.hungUp(e)) {
                    // The client went away mid-stream: its reads were cancelled or its socket refused the
                    // bytes; the stream's transaction has rolled back and its connection is back in the pool.
                    seen.clientGone(e);
                } else {
                    seen.failedOnServer(datafn.isShuttingDown() ? 503 : 500, datafn.isShuttingDown()
                            ? ErrorCode.SERVICE_UNAVAILABLE : ErrorCode.INTERNAL, e);
                }
            }
            throw new CloseConnectionException("DataFn " + action + " failed while streaming its answer", e);
        } finally {
            if (seen != null) {
                // A streamed answer reads its rows while it writes them: the engine timed its reads as
                // execute, and the rest of the stream is serialization.
                seen.endStream();
            }
        }
    }

    /**
     * Answers a request that failed before any byte of its answer went out, in the envelope: a refusal with its
     * own status; a statement the database stopped at the statement timeout 408 {@code DFQL_ABORTED}; anything
     * during shutdown, or with the database out of reach, 503; anything else 500, logged as a server fault.
     */
    private void answerFailure(ServerResponse res, RequestObservation seen, String action, RuntimeException e) {
        if (e instanceof DataFnException refused) {
            fail(res, refused);
            if (seen != null) {
                if (refused.code() == ErrorCode.SERVICE_UNAVAILABLE && datafn.isShuttingDown()) {
                    // Stopped by the shutdown (the engine refused to go on): a server-side stop, logged as
                    // such whichever layer noticed it, like the failure of a statement shutdown cancelled.
                    seen.failedOnServer(503, ErrorCode.SERVICE_UNAVAILABLE, refused);
                } else {
                    seen.refused(refused);
                }
            }
            return;
        }
        if (datafn.isShuttingDown()) {
            // Shutdown cancelled the request's statement, or closed the database under it, after the
            // shutdown timeout: its transaction rolled back, so the caller may retry it elsewhere.
            fail(res, new DataFnException(ErrorCode.SERVICE_UNAVAILABLE,
                    "the server shut down before the request finished; retry the request"));
            if (seen != null) {
                seen.failedOnServer(503, ErrorCode.SERVICE_UNAVAILABLE, e);
            }
            return;
        }
        if (StatementCancel.causedBy(e)) {
            // The database stopped a statement at the statement timeout (a sync read, a write waiting for a
            // lock): its transaction rolled back, and its connection is back in the pool.
            DataFnException aborted = new DataFnException(ErrorCode.DFQL_ABORTED,
                    "the request ran longer than the statement timeout (queryTimeoutMs); its transaction was rolled back");
            fail(res, aborted);
            if (seen != null) {
                seen.refused(aborted);
            }
            return;
        }
        if (DatabaseUnavailable.causedBy(e)) {
            // The database is down or restarting, or the pool had no connection within its timeout: nothing the
            // request did is lost (a committed write is deduplicated when retried), so the caller retries.
            res.header(HeaderNames.RETRY_AFTER, Long.toString(DatabaseUnavailable.RETRY_AFTER_SECONDS));
            fail(res, DatabaseUnavailable.refusal());
            if (seen != null) {
                seen.failedOnServer(503, ErrorCode.SERVICE_UNAVAILABLE, e);
            }
            return;
        }
        fail(res, new DataFnException(ErrorCode.INTERNAL, "internal error"));
        if (seen != null) {
            seen.failedOnServer(500, ErrorCode.INTERNAL, e);
        } else {
            LOG.log(Level.ERROR, "DataFn " + action + " failed", e);
        }
    }

    /**
     * Ends a request whose client closed its connection while it ran: its reads were cancelled (a write ran
     * to its end). Logged as a client that hung up (499), one access line; the answer, DFQL_ABORTED closing
     * the connection, goes to a socket nobody reads.
     */
    private void abandoned(ServerResponse res, RequestObservation seen) {
        if (seen != null) {
            seen.clientGone(null);
        }
        ErrorCode code = ErrorCode.DFQL_ABORTED;
        try {
            res.header(HeaderNames.CONNECTION, "close");
            JsonAnswer.send(res, code.httpStatus(), Envelope.error(
                    new DataFnException(code, "the client closed the connection"), debug));
        } catch (RuntimeException unwritable) {
            // The socket is closed: there is nobody to tell.
        }
    }

    /** Lets go of what the rate limiter holds open (a Redis connection pool it made). */
    void close() {
        if (rateLimiter != null) {
            rateLimiter.close();
        }
    }

    /**
     * Answers a failure in the envelope.
     *
     * @param res the response
     * @param e   the failure
     */
    void fail(ServerResponse res, DataFnException e) {
        if (e.code() == ErrorCode.UNAUTHORIZED) {
            res.header(HeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"datafn\"");
        } else if (e.code() == ErrorCode.SERVICE_UNAVAILABLE && !res.headers().contains(HeaderNames.RETRY_AFTER)) {
            // Busy or stopping: worth trying again soon, here or on another instance.
            res.header(HeaderNames.RETRY_AFTER, "1");
        }
        JsonAnswer.send(res, e.code().httpStatus(), Envelope.error(e, debug));
    }

    /**
     * Asks the authorizer about one operation. The pipeline asks about every request's DFQL form before its
     * work runs; work that goes on to run a further operation asks about that one too, before running it.
     *
     * @param req     the request
     * @param action  the authorization action name
     * @param payload the DFQL form of the operation
     * @throws DataFnException {@code FORBIDDEN} when the authorizer refuses
     */
    void authorize(ServerRequest req, String action, JsonNode payload) {
        if (authorizer != null && !authorizer.authorize(req, action, payload)) {
            throw new DataFnException(ErrorCode.FORBIDDEN, "not allowed to " + action);
        }
    }

    /** Proves the caller before anything else is read; keeps it in the request's context for what follows. */
    private void authenticate(ServerRequest req) {
        if (authenticator != null) {
            req.context().register(authenticator.authenticate(req));
        }
    }

    /**
     * Takes the request from its caller's budget: the namespace's, or the client address's when requests
     * have no namespace provider (every one of them would share the default namespace) or no caller at all.
     */
    private void rateLimit(ServerRequest req, ServerResponse res, RequestScope scope, String action, boolean open) {
        if (rateLimiter == null) {
            return;
        }
        String caller = namespaces == null || open ? "address:" + req.remotePeer().host() : scope.namespace().value();
        long retryAfter = rateLimiter.take(caller, action);
        if (retryAfter > 0) {
            res.header(HeaderNames.RETRY_AFTER, Long.toString(retryAfter));
            throw RateLimiter.refusal(retryAfter);
        }
    }

    private RequestScope scope(ServerRequest req) {
        // The caller's claims decide what the permissions policies let it read and write.
        Caller caller = req.context().get(Caller.class).orElse(null);
        DataFn engine = datafn.restrictedTo(datafn.access(caller == null ? null : caller.claims()));
        if (namespaces == null) {
            return new RequestScope(Namespace.DEFAULT, null, engine);
        }
        try {
            Namespace namespace = namespaces.getNamespace(req);
            if (namespace == null) {
                throw new DataFnException(ErrorCode.FORBIDDEN, "the request has no valid namespace");
            }
            return new RequestScope(rowLevelNamespace ? namespace : Namespace.DEFAULT, namespaces.getActorId(req),
                    engine);
        } catch (DataFnException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the namespace provider failed; refusing the request", e);
            throw new DataFnException(ErrorCode.FORBIDDEN, "the request has no valid namespace");
        }
    }

    private byte[] readBody(ServerRequest req) {
        long declared = req.headers().contentLength().orElse(-1L);
        if (declared > maxPayloadBytes) {
            throw tooLarge();
        }
        try (InputStream in = req.content().inputStream(); BodyDeadline.Watch deadline = bodyDeadline.start()) {
            byte[] body = in.readNBytes(maxPayloadBytes + 1);
            if (body.length > maxPayloadBytes) {
                throw tooLarge();
            }
            return body;
        } catch (IOException | UncheckedIOException | DataReader.InsufficientDataAvailableException
                | CloseConnectionException e) {
            // The connection failed or closed before the body's end: the caller aborted its upload.
            throw new ClientGone(e);
        }
    }

    private DataFnException tooLarge() {
        return new DataFnException(ErrorCode.PAYLOAD_TOO_LARGE,
                "the request body is larger than " + maxPayloadBytes + " bytes (maxPayloadBytes)");
    }
}
