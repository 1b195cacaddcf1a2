package dev.datafn.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datafn.DataFn;
import dev.datafn.error.DataFnException;
import dev.datafn.error.ErrorCode;
import dev.datafn.json.Json;
import dev.datafn.sync.Cloner;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * DataFn's HTTP protocol as a Helidon service, mounted by the application (usually at {@code /datafn}):
 * {@code GET /status}, {@code POST /query}, {@code POST /mutation}, {@code POST /transact}, and with REST
 * enabled the
 * {@code /resources/...} wrappers. Any other path under the mount answers 404 in the envelope.
 */
public final class DataFnHttpService implements HttpService {

    /** The protocol's own endpoints and the method each answers, for 405 answers. */
    private static final java.util.Map<String, String> ENDPOINTS = java.util.Map.of(
            "/status", "GET", "/query", "POST", "/mutation", "POST", "/transact", "POST", "/pull", "POST",
            "/push", "POST", "/clone", "POST", "/reconcile", "POST", "/seed", "POST");

    private final DataFn datafn;
    private final Exchange exchange;
    private final boolean rest;

    /**
     * @param datafn   the engine
     * @param exchange the shared request handling
     * @param rest     whether to serve the REST wrappers
     */
    public DataFnHttpService(DataFn datafn, Exchange exchange, boolean rest) {
        this.datafn = datafn;
        this.exchange = exchange;
        this.rest = rest;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/status", this::status)
                .post("/query", this::query)
                .post("/mutation", this::mutation)
                .post("/transact", this::transact)
                .post("/pull", this::pull)
                .post("/push", this::push)
                .post("/clone", this::cloneTables)
                .post("/reconcile", this::reconcile)
                .post("/seed", this::seed);
        if (rest) {
            new RestEndpoints(datafn, exchange, null).register(rules);
        }
        rules.any(this::notFound);
    }

    private void status(ServerRequest req, ServerResponse res) {
        exchange.handle(req, res, "status", false, (scope, payload) -> {
            ObjectNode result = Json.object();
            result.put("schemaHash", datafn.schema().hash());
            ArrayNode capabilities = result.putArray("capabilities");
            capabilities.add("dfql.query").add("dfql.mutation").add("dfql.transact").add("sync.clone").add("sync.pull").add("sync.push")
                    .add("sync.reconcile").add("sync.seed");
            if (rest) {
                capabilities.add("rest");
            }
            result.set("limits", datafn.limits().toJson());
            result.put("serverTimeMs", datafn.serverTime().toEpochMilli());
            return result;
        });
    }

    private void query(ServerRequest req, ServerResponse res) {
        exchange.handle(req, res, "query", true, (scope, payload) -> {
            if (payload.isArray()) {
                ArrayNode results = Json.MAPPER.createArrayNode();
                datafn.queryBatch(scope.namespace(), payload).forEach(results::add);
                return results;
            }
            return datafn.query(scope.namespace(), payload).toJson();
        });
    }

    private void mutation(ServerRequest req, ServerResponse res) {
        exchange.handle(req, res, "mutation", true, (scope, payload) -> {
            if (payload.isArray()) {
                ArrayNode results = Json.MAPPER.createArrayNode();
                datafn.mutateBatch(scope.namespace(), scope.actorId(), payload).forEach(results::add);
                return results;
            }
            return datafn.mutate(scope.namespace(), scope.actorId(), payload).toJson();
        });
    }

    private void transact(ServerRequest req, ServerResponse res) {
        exchange.handle(req, res, "transact", true,
                (scope, payload) -> datafn.transact(scope.namespace(), scope.actorId(), payload));
    }

    private void pull(ServerRequest req, ServerResponse res) {
        exchange.handle(req, res, "pull", true, (scope, payload) -> datafn.pull(scope.namespace(), payload));
    }

    private void push(ServerRequest req, ServerResponse res) {
        exchange.handle(req, res, "push", true,
                (scope, payload) -> datafn.push(scope.namespace(), scope.actorId(), payload));
    }

    private void cloneTables(ServerRequest req, ServerResponse res) {
        exchange.handleStreaming(req, res, "clone", (scope, payload) -> {
            Cloner.Prepared clone = datafn.prepareClone(scope.namespace(), payload);
            return clone.paged() ? Exchange.Reply.of(clone.page()) : Exchange.Reply.streamed(clone::stream);
        });
    }

    private void reconcile(ServerRequest req, ServerResponse res) {
        exchange.handle(req, res, "reconcile", true, (scope, payload) -> datafn.reconcile(scope.namespace(), payload));
    }

    private void seed(ServerRequest req, ServerResponse res) {
        exchange.handle(req, res, "seed", true,
                (scope, payload) -> datafn.seed(scope.namespace(), scope.actorId(), payload));
    }

    private void notFound(ServerRequest req, ServerResponse res) {
        String path = req.path().path();
        String method = req.prologue().method().text();
        if (ENDPOINTS.containsKey(path)) {
            res.header(HeaderNames.ALLOW, ENDPOINTS.get(path));
            exchange.fail(res, new DataFnException(ErrorCode.METHOD_NOT_ALLOWED,
                    path + " answers " + ENDPOINTS.get(path) + ", not " + method));
        } else {
            exchange.fail(res, new DataFnException(ErrorCode.NOT_FOUND, "no DataFn endpoint " + method + " " + path));
        }
    }
}
