package dev.datafn.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import dev.datafn.db.QueryResult;
import dev.datafn.error.DataFnException;
import dev.datafn.error.ErrorCode;
import dev.datafn.error.Outcome;
import dev.datafn.json.Json;
import dev.datafn.mutation.MutationResult;
import dev.datafn.mutation.transact.TransactResult;
import dev.datafn.sync.PushResult;
import java.util.List;
import java.util.function.Function;

/**
 * The response envelope of every DataFn endpoint, {@code {"ok": true, "result"}} or
 * {@code {"ok": false, "error"}}, and the shapes of the answers that hold an envelope per item (batches,
 * push, transact). Error messages are shaped here only, so whether they carry details is decided in one
 * place.
 */
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
     * @param result a query's answer
     * @return a node that writes the answer straight to the response when the envelope is written, its
     *     records from the rows as read (see {@link QueryResult#serialize})
     */
    public static JsonNode answer(QueryResult result) {
        return new POJONode(result);
    }

    /**
     * @param node a node of a result
     * @return the query answer it writes, when it is one from {@link #answer}; else {@code null}
     */
    static QueryResult answerIn(JsonNode node) {
        return node instanceof POJONode pojo && pojo.getPojo() instanceof QueryResult answer ? answer : null;
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

    /**
     * @param outcomes one outcome per batch item
     * @param toJson   the wire form of an item's result
     * @param debug    whether messages may name fields and values
     * @param <T>      the result type
     * @return one envelope per item, in order
     */
    public static <T> ArrayNode outcomes(List<Outcome<T>> outcomes, Function<T, JsonNode> toJson, boolean debug) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        outcomes.forEach(o -> out.add(outcome(o, toJson, debug)));
        return out;
    }

    private static <T> ObjectNode outcome(Outcome<T> outcome, Function<T, JsonNode> toJson, boolean debug) {
        return switch (outcome) {
            case Outcome.Done<T> done -> ok(toJson.apply(done.value()));
            case Outcome.Refused<T> refused -> {
                if (refused.error().getCause() != null) {
                    // An item that failed on the server's side: the request answers 200, the item's fault is logged.
                    RequestObservation.itemFailed(refused.error().getCause());
                }
                yield error(refused.error(), debug);
            }
        };
    }

    /**
     * @param push  a push's outcome
     * @param debug whether messages may name fields and values
     * @return {@code {"ok", "results": [envelope...]}}, plus {@code failedIndex} and {@code error} when an
     *         atomic push failed
     */
    public static ObjectNode push(PushResult push, boolean debug) {
        ObjectNode out = Json.object();
        out.put("ok", push.ok());
        out.set("results", outcomes(push.results(), MutationResult::toJson, debug));
        if (push.error() != null) {
            out.put("failedIndex", push.failedIndex());
            out.set("error", error(push.error(), debug).get("error"));
        }
        return out;
    }

    /**
     * @param transact a transaction's outcome
     * @param debug    whether messages may name fields and values
     * @return {@code {"ok", "transactionId"?, "results": [{"kind", "ok", "result" | "error" | "rolledBack"}]}},
     *         plus {@code failedStep} and {@code error} when an atomic transaction failed
     */
    public static ObjectNode transact(TransactResult transact, boolean debug) {
        ObjectNode out = Json.object();
        out.put("ok", transact.ok());
        if (transact.transactionId() != null) {
            out.put("transactionId", transact.transactionId());
        }
        ArrayNode results = out.putArray("results");
        for (TransactResult.StepOutcome step : transact.steps()) {
            ObjectNode item = results.addObject();
            item.put("kind", step.kind());
            item.put("ok", step.outcome().ok());
            if (step.rolledBack()) {
                item.put("rolledBack", true);
            } else if (step.outcome() instanceof Outcome.Done<JsonNode> done) {
                item.set("result", done.value());
            } else if (step.outcome() instanceof Outcome.Refused<JsonNode> refused) {
                item.set("error", error(refused.error(), debug).get("error"));
            }
        }
        if (transact.error() != null) {
            out.put("failedStep", transact.failedStep());
            out.set("error", error(transact.error(), debug).get("error"));
        }
        return out;
    }

    /**
     * @param code an error code
     * @return the message answered for it when {@code debug} is off: it names no field, value or part
     *         of the schema
     */
    public static String genericMessage(ErrorCode code) {
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
