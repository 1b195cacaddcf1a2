package dev.datafn.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datafn.DataFn;
import dev.datafn.error.DataFnException;
import dev.datafn.error.ErrorCode;
import dev.datafn.json.Json;
import dev.datafn.mutation.MutationResult;
import dev.datafn.realtime.CommitBus;
import dev.datafn.realtime.CursorHub;
import dev.datafn.realtime.InProcessCommitBus;
import dev.datafn.realtime.RealtimeSettings;
import dev.datafn.spi.Authenticator;
import dev.datafn.spi.Authorizer;
import dev.datafn.spi.DataFnLogger;
import dev.datafn.spi.NamespaceProvider;
import dev.datafn.sync.Cloner;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.DirectHandlers;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.websocket.WsRouting;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * DataFn's HTTP protocol over an engine, as a Helidon service mounted by the application (usually at
 * {@code /datafn}): {@code GET /status}, {@code POST /query}, {@code /mutation}, {@code /transact},
 * {@code /pull}, {@code /push}, {@code /clone}, {@code /reconcile}, {@code /seed}, the contracts
 * {@code GET /openapi.json}, {@code GET /schemas/<resource>.json} and {@code GET /datafn.d.ts} (as the processor
 * wrote them), the WebSocket upgrade
 * {@code GET /ws} (with {@link #webSocketRouting} on the server), and with REST enabled
 * the {@code /resources/...} wrappers. Any other path under the mount answers 404 in the envelope.
 *
 * <pre>{@code
 * DataFnHttp http = DataFnHttp.builder(datafn)
 *     .namespaceProvider(req -> Namespace.user(userOf(req)))
 *     .authorize((req, action, payload) -> ...)
 *     .rest(true)
 *     .build();
 * WebServer.builder().routing(r -> r.register("/datafn", http)).build().start();
 * }</pre>
 *
 * <p>Every endpoint, and every generated {@code <Record>Routes}, handles its requests through one
 * {@link RequestPipeline}: authentication, the body within its limit, the namespace, authorization, then
 * the endpoint's work and the envelope. With a {@link CorsPolicy}, cross-origin requests are checked before
 * all of it, and preflights answered there. Before the pipeline, a path with a segment that decodes to
 * {@code ..}, a NUL or a slash (seed 002's path traversal protection) is answered 400.
 */
public final class DataFnHttp implements HttpService {

    /** The actions of the protocol's own endpoints, which an {@link #openEndpoint} may not take. */
    private static final Set<String> PROTOCOL_ACTIONS = Set.of("status", "query", "search", "mutation",
            "transact", "pull", "push", "clone", "reconcile", "seed", "ws", "openapi", "schemas", "typescript");

    /** The protocol's own endpoints and the method each answers, for 405 answers. */
    private static final Map<String, String> ENDPOINTS = Map.ofEntries(Map.entry("/status", "GET"),
            Map.entry("/query", "POST"), Map.entry("/search", "POST"), Map.entry("/mutation", "POST"),
            Map.entry("/transact", "POST"), Map.entry("/pull", "POST"), Map.entry("/push", "POST"),
            Map.entry("/clone", "POST"), Map.entry("/reconcile", "POST"), Map.entry("/seed", "POST"),
            Map.entry("/ws", "GET"), Map.entry("/openapi.json", "GET"), Map.entry("/datafn.d.ts", "GET"));
    private static final String JSON = "application/json";
    /** TypeScript has no registered media type: plain text is what a browser shows and a client saves. */
    private static final String TYPESCRIPT = "text/plain; charset=utf-8";

    private static final System.Logger LOG = System.getLogger(DataFnHttp.class.getName());

    private final DataFn datafn;
    private final RequestPipeline pipeline;
    private final CorsHandler cors;
    private final boolean rest;
    /** The resources whose REST wrappers are served through {@link #restRoutes}, as generated routes do. */
    private final Set<String> restRoutesHandedOut = ConcurrentHashMap.newKeySet();
    private final boolean debug;
    private final CursorHub hub;
    private final WebSocketGate webSocketGate;
    private final ContractDocuments contracts;

    private DataFnHttp(Builder b) {
        this.datafn = b.datafn;
        this.rest = b.rest;
        this.debug = b.debug;
        NamespaceProvider namespaces = b.namespaceProvider == null && b.authenticator != null
                ? NamespaceProvider.fromCaller() : b.namespaceProvider;
        warnAboutResourcesWithoutPolicy(datafn);
        ClientHangupLogs.install();
        this.pipeline = new RequestPipeline(datafn, b.authenticator, b.rateLimit, namespaces, b.rowLevelNamespace,
                b.authorizer, datafn.limits().maxPayloadBytes(), b.bodyReadTimeout, b.debug,
                new RequestObservers(b.timingListeners, b.logger, b.debug));
        this.cors = b.cors == null ? null : new CorsHandler(b.cors);
        this.hub = new CursorHub(datafn, b.commitBus == null ? new InProcessCommitBus() : b.commitBus, b.realtime);
        this.webSocketGate = new WebSocketGate(pipeline, hub);
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        this.contracts = new ContractDocuments(datafn.schema(), context != null ? context : DataFnHttp.class.getClassLoader());
    }

    /**
     * The live connections' hub: what {@code GET /ws} serves, and what an application with a WebSocket
     * server of its own drives through seed 000's {@code websocketHandler} shape.
     *
     * @return the hub
     */
    public CursorHub cursorHub() {
        return hub;
    }

    /**
     * The WebSocket endpoint {@code <mount>/ws} (seed 001's real-time cursor broadcast), to add to the web
     * server beside the HTTP routing, since Helidon routes WebSockets apart from HTTP:
     * {@code WebServer.builder().routing(r -> r.register("/datafn", http)).addRouting(http.webSocketRouting("/datafn"))}.
     * Each upgrade first passes the HTTP pipeline at {@code GET <mount>/ws} (action {@code ws}): authentication
     * (the bearer token in the {@code Authorization} header or, for browsers, which cannot set it on a
     * WebSocket, a {@code token} query parameter), namespace, rate limit, authorization and the connection
     * limits; a refusal is an HTTP answer in the envelope, before any switch.
     *
     * @param mount the path this service is registered at, e.g. {@code /datafn}
     * @return the WebSocket routing
     */
    public WsRouting.Builder webSocketRouting(String mount) {
        String base = mount.endsWith("/") ? mount.substring(0, mount.length() - 1) : mount;
        return WsRouting.builder().endpoint(base + "/ws", () -> new CursorSocket(hub, webSocketGate));
    }

    /** Says at startup, not at the first refused request, which resources no caller can use. */
    private static void warnAboutResourcesWithoutPolicy(DataFn datafn) {
        List<String> closed = datafn.policies().resourcesWithoutPolicy();
        if (!closed.isEmpty() && !datafn.policies().allowsUnknownResources()) {
            LOG.log(System.Logger.Level.WARNING, "resources " + closed + " have no permissions policy: every request "
                    + "for them is refused (403). Declare @Policy on their records, DataFn.builder().policy(...), "
                    + "or allowUnknownResources(true) in development");
        }
    }

    /**
     * @param datafn the engine to serve
     * @return a builder
     */
    public static Builder builder(DataFn datafn) {
        return new Builder(datafn);
    }

    @Override
    public void routing(HttpRules rules) {
        if (cors != null) {
            rules.any(cors);
        }
        // Before the routes: the router sees the decoded, normalized path, where "..%2F" and "/.." are resolved.
        rules.any(new PathTraversalGuard(pipeline));
        rules.get("/ws", webSocketGate);
        rules.get("/status", this::status)
                .post("/query", this::query)
                .post("/search", this::search)
                .post("/mutation", this::mutation)
                .post("/transact", this::transact)
                .post("/pull", this::pull)
                .post("/push", this::push)
                .post("/clone", this::cloneTables)
                .post("/reconcile", this::reconcile)
                .post("/seed", this::seed)
                .get("/openapi.json", this::openApi)
                .get("/datafn.d.ts", this::typeScript)
                .get("/schemas/{file}", this::recordSchema);
        if (rest) {
            new RestRoutes(datafn, pipeline, null).register(rules);
        }
        rules.any(this::notFound);
    }

    /**
     * What the web server answers to requests it refuses before routing them (a URI it cannot read, a
     * request line too long, headers too large): the same envelope as every DataFn answer, with the web
     * server's status and this service's choice of {@linkplain Builder#debug messages}, instead of an
     * empty body. Install it on the server that mounts this service:
     * {@code WebServer.builder().directHandlers(http.transportRefusals())}.
     *
     * @return direct handlers for every refusal the web server makes itself
     */
    public DirectHandlers transportRefusals() {
        return TransportRefusals.all(debug);
    }

    /**
     * The REST wrappers of one resource (seed 002), through this service's request pipeline: what a
     * generated {@code <Record>Routes} registers.
     *
     * @param resource the resource name
     * @return the routes of {@code /resources/<resource>}
     * @throws IllegalArgumentException when the schema has no such resource
     */
    public HttpService restRoutes(String resource) {
        if (datafn.schema().resource(resource).isEmpty()) {
            throw new IllegalArgumentException("unknown resource '" + resource + "'");
        }
        restRoutesHandedOut.add(resource);
        return rules -> {
            if (cors != null) {
                rules.any("/resources/" + resource, cors).any("/resources/" + resource + "/*", cors);
            }
            new RestRoutes(datafn, pipeline, resource).register(rules);
        };
    }

    /**
     * An endpoint of the application's own that callers reach before they hold a token (a sign-in, say), served
     * through this service's request pipeline like every DataFn endpoint: the shutdown gate, the request id,
     * access log and timing, the rate limit (of the client's address, since no namespace is known), the body
     * within {@code maxPayloadBytes} and {@code bodyReadTimeoutMs}, its JSON parsed with errors in the envelope,
     * the authorizer (which sees the action with no caller), and the answer in the envelope, marked
     * {@code Cache-Control: no-store}. Only authentication is skipped.
     *
     * @param action the action's name, in the access log, timing and rate-limit rules; not one of the protocol's
     * @param work   answers the request from its parsed JSON body; a {@link dev.datafn.error.DataFnException} it
     *               throws is answered in the envelope with its status
     * @return the handler to route, e.g. {@code rules.post("/dev/token", http.openEndpoint("devToken", ...))}
     * @throws IllegalArgumentException when the action is one of the protocol's
     */
    public io.helidon.webserver.http.Handler openEndpoint(String action, OpenEndpoint work) {
        if (PROTOCOL_ACTIONS.contains(action)) {
            throw new IllegalArgumentException("'" + action + "' is an action of the protocol; name the endpoint's own");
        }
        java.util.Objects.requireNonNull(work, "work");
        return (req, res) -> {
            // What such an endpoint answers (a token, say) is the caller's alone: no cache keeps it.
            res.header(HeaderNames.CACHE_CONTROL, "no-store");
            pipeline.handleOpen(req, res, action, work::answer);
        };
    }

    /** The work of an {@link #openEndpoint}. */
    @FunctionalInterface
    public interface OpenEndpoint {
        /**
         * @param req  the request, e.g. for the client's address
         * @param body the request's JSON body
         * @return the result, placed in the envelope
         */
        JsonNode answer(ServerRequest req, JsonNode body);
    }

    /**
     * Closes what the service opened itself: its live WebSockets (1001) and the connections of a rate limit's
     * Redis backend made from a URL.
     */
    @Override
    public void afterStop() {
        hub.close();
        pipeline.close();
    }

    private void status(ServerRequest req, ServerResponse res) {
        pipeline.handle(req, res, "status", false, (scope, payload) -> {
            ObjectNode result = Json.object();
            result.put("schemaHash", datafn.schema().hash());
            ArrayNode capabilities = result.putArray("capabilities");
            capabilities.add("dfql.query").add("dfql.mutation").add("dfql.transact").add("sync.clone").add("sync.pull")
                    .add("sync.push").add("sync.reconcile").add("sync.seed");
            if (datafn.searches()) {
                capabilities.add("dfql.search");
            }
            if (rest || !restRoutesHandedOut.isEmpty()) {
                capabilities.add("rest");
            }
            result.set("limits", datafn.limits().toJson());
            result.put("serverTimeMs", datafn.serverTime().toEpochMilli());
            return result;
        });
    }

    private void query(ServerRequest req, ServerResponse res) {
        pipeline.handle(req, res, "query", true, (scope, payload) -> payload.isArray()
                ? Envelope.outcomes(scope.engine().queryBatch(scope.namespace(), payload), Envelope::answer, debug)
                : Envelope.answer(scope.engine().query(scope.namespace(), payload)));
    }

    private void search(ServerRequest req, ServerResponse res) {
        pipeline.handle(req, res, "search", true, (scope, payload) -> scope.engine().search(scope.namespace(), payload));
    }

    private void mutation(ServerRequest req, ServerResponse res) {
        pipeline.handle(req, res, "mutation", true, (scope, payload) -> payload.isArray()
                ? Envelope.outcomes(scope.engine().mutateBatch(scope.namespace(), scope.actorId(), payload),
                        MutationResult::toJson, debug)
                : scope.engine().mutate(scope.namespace(), scope.actorId(), payload).toJson());
    }

    private void transact(ServerRequest req, ServerResponse res) {
        pipeline.handle(req, res, "transact", true, (scope, payload) ->
                Envelope.transact(scope.engine().transact(scope.namespace(), scope.actorId(), payload), debug));
    }

    private void pull(ServerRequest req, ServerResponse res) {
        pipeline.handle(req, res, "pull", true, (scope, payload) -> scope.engine().pull(scope.namespace(), payload));
    }

    private void push(ServerRequest req, ServerResponse res) {
        pipeline.handle(req, res, "push", true, (scope, payload) ->
                Envelope.push(scope.engine().push(scope.namespace(), scope.actorId(), payload), debug));
    }

    private void cloneTables(ServerRequest req, ServerResponse res) {
        pipeline.handleStreaming(req, res, "clone", true, (scope, payload) -> {
            Cloner.Answer clone = scope.engine().cloneAnswer(scope.namespace(), payload);
            return clone.paged() ? RequestPipeline.Reply.of(clone.page()) : RequestPipeline.Reply.streamed(clone::stream);
        });
    }

    private void reconcile(ServerRequest req, ServerResponse res) {
        pipeline.handle(req, res, "reconcile", true, (scope, payload) -> scope.engine().reconcile(scope.namespace(), payload));
    }

    private void seed(ServerRequest req, ServerResponse res) {
        pipeline.handle(req, res, "seed", true,
                (scope, payload) -> scope.engine().seed(scope.namespace(), scope.actorId(), payload));
    }

    /**
     * {@code GET /openapi.json}: the OpenAPI document the processor wrote for the served schema, through the
     * whole pipeline like every endpoint: it names every resource and field, so only authenticated callers get
     * it. It is the whole schema's, not filtered by the caller's policies: it tells what exists, no record.
     */
    private void openApi(ServerRequest req, ServerResponse res) {
        pipeline.handleStreaming(req, res, "openapi", false,
                (scope, payload) -> RequestPipeline.Reply.document(JSON, contracts.document("openapi.json")));
    }

    /** {@code GET /datafn.d.ts}: the TypeScript declarations of the served schema's records and requests. */
    private void typeScript(ServerRequest req, ServerResponse res) {
        pipeline.handleStreaming(req, res, "typescript", false, (scope, payload) ->
                RequestPipeline.Reply.document(TYPESCRIPT, contracts.document("datafn.d.ts")));
    }

    /** {@code GET /schemas/<resource>.json}: the JSON Schema of one resource's records. */
    private void recordSchema(ServerRequest req, ServerResponse res) {
        pipeline.handleStreaming(req, res, "schemas", false, (scope, payload) -> {
            String file = req.path().pathParameters().first("file").orElse("");
            String resource = file.endsWith(".json") ? file.substring(0, file.length() - ".json".length()) : "";
            if (datafn.schema().resource(resource).isEmpty()) {
                throw new DataFnException(ErrorCode.NOT_FOUND, "no resource schema '" + file + "'", "resource");
            }
            return RequestPipeline.Reply.document(JSON, contracts.document("schemas/" + resource + ".schema.json"));
        });
    }

    private void notFound(ServerRequest req, ServerResponse res) {
        String path = req.path().path();
        String method = req.prologue().method().text();
        if (ENDPOINTS.containsKey(path)) {
            res.header(HeaderNames.ALLOW, ENDPOINTS.get(path));
            pipeline.fail(res, new DataFnException(ErrorCode.METHOD_NOT_ALLOWED,
                    path + " answers " + ENDPOINTS.get(path) + ", not " + method));
        } else if (path.startsWith("/resources/") && !restRoutesHandedOut.isEmpty()
                && !restRoutesHandedOut.contains(resourceSegment(path))) {
            // Only some resources' routes are mounted here (generated routes): say which resource is not served.
            String name = resourceSegment(path);
            pipeline.fail(res, new DataFnException(ErrorCode.NOT_FOUND, datafn.schema().resource(name).isPresent()
                    ? "the REST wrappers of resource '" + name + "' are not served here"
                    : "unknown resource '" + name + "'", "resource"));
        } else {
            pipeline.fail(res, new DataFnException(ErrorCode.NOT_FOUND, "no DataFn endpoint " + method + " " + path));
        }
    }

    private static String resourceSegment(String path) {
        return path.substring("/resources/".length()).split("/", 2)[0];
    }

    /** Configures and builds a {@link DataFnHttp}. */
    public static final class Builder {
        private final DataFn datafn;
        private Authenticator authenticator;
        private RateLimit rateLimit;
        private CorsPolicy cors;
        private NamespaceProvider namespaceProvider;
        private boolean rowLevelNamespace = true;
        private Authorizer authorizer;
        private boolean rest;
        private boolean debug = true;
        private java.time.Duration bodyReadTimeout = java.time.Duration.ofSeconds(30);
        private final List<java.util.function.Consumer<TimingEvent>> timingListeners = new java.util.ArrayList<>();
        private DataFnLogger logger = DataFnLogger.system();
        private CommitBus commitBus;
        private RealtimeSettings realtime = RealtimeSettings.DEFAULTS;

        private Builder(DataFn datafn) {
            this.datafn = Objects.requireNonNull(datafn, "datafn");
        }

        /**
         * Proves who makes each request before anything else of it is read (default: no authentication);
         * e.g. {@link JwtAuthenticator}. Without a {@link #namespaceProvider}, each caller then works in
         * its own namespace ({@link NamespaceProvider#fromCaller()}).
         *
         * @param authenticator the authenticator
         * @return this builder
         */
        public Builder authenticate(Authenticator authenticator) {
            this.authenticator = authenticator;
            return this;
        }

        /**
         * @param provider maps requests to namespaces (default: the authenticated caller's, or every request
         *                 in {@code datafn} without authentication)
         * @return this builder
         */
        public Builder namespaceProvider(NamespaceProvider provider) {
            this.namespaceProvider = provider;
            return this;
        }

        /**
         * Whether each namespace from the {@link #namespaceProvider} has its own data (the default, seed
         * 000's {@code rowLevelNamespace}): rows, change log, serverSeqs and idempotency keys, none of them
         * visible to another namespace on any surface. With {@code false} every request works on one
         * shared data set (the {@code datafn} namespace), and the provider still names the actor recorded
         * with each change.
         *
         * @param enabled whether namespaces isolate data
         * @return this builder
         */
        public Builder rowLevelNamespace(boolean enabled) {
            this.rowLevelNamespace = enabled;
            return this;
        }

        /**
         * @param rateLimit each caller's request budget (seed 000's {@code rateLimit}; default: none): per
         *                  namespace, or per client address without a namespace provider; counted in this
         *                  process or, with {@link RateLimit#backend}, in Redis for all instances
         * @return this builder
         */
        public Builder rateLimit(RateLimit rateLimit) {
            this.rateLimit = rateLimit;
            return this;
        }

        /**
         * @param policy which pages of other origins may call the service from a browser (default: none, no
         *               CORS headers at all); it applies to every route, {@link DataFnHttp#restRoutes} included
         * @return this builder
         */
        public Builder cors(CorsPolicy policy) {
            this.cors = policy;
            return this;
        }

        /** @param authorizer allows or refuses each request (default: allow all) @return this builder */
        public Builder authorize(Authorizer authorizer) {
            this.authorizer = authorizer;
            return this;
        }

        /** @param enabled whether to serve the REST wrappers under {@code /resources} (default: false) @return this builder */
        public Builder rest(boolean enabled) {
            this.rest = enabled;
            return this;
        }

        /**
         * @param timeout the longest a request body may take to arrive once its headers are in (default 30 s):
         *                a client that sends part of a body and stops, or trickles it, has its connection closed
         *                then, so it holds neither a connection nor a request slot for longer
         * @return this builder
         * @throws IllegalArgumentException when not positive
         */
        public Builder bodyReadTimeout(java.time.Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("bodyReadTimeoutMs must be positive: " + timeout.toMillis());
            }
            this.bodyReadTimeout = timeout;
            return this;
        }

        /**
         * @param enabled whether error messages name fields and values (default: true); turn it off in
         *                production to answer generic messages per error code
         * @return this builder
         */
        public Builder debug(boolean enabled) {
            this.debug = enabled;
            return this;
        }

        /**
         * Applies the HTTP options set under {@code datafn.*}: {@code rest}, {@code debug}, {@code bodyReadTimeoutMs},
         * {@code rowLevelNamespace}, {@code rateLimit.*}, {@code cors.*} and {@code ws.*}; options not set keep
         * this builder's values (a CORS option other than the origins adjusts the policy set before). See
         * {@link dev.datafn.config.ConfigOptions} for every key.
         *
         * @param datafn the {@code datafn} node of a Helidon Config, e.g. {@code config.get("datafn")}
         * @return this builder
         * @throws dev.datafn.config.InvalidConfigException naming each unknown key and invalid value
         */
        public Builder config(io.helidon.config.Config datafn) {
            return config(dev.datafn.config.DataFnSettings.read(datafn));
        }

        /**
         * Applies the HTTP options of settings already read (and checked) once for the whole server.
         *
         * @param settings the settings
         * @return this builder
         */
        public Builder config(dev.datafn.config.DataFnSettings settings) {
            settings.flag("rest").ifPresent(this::rest);
            settings.flag("debug").ifPresent(this::debug);
            settings.number("bodyReadTimeoutMs").ifPresent(ms -> bodyReadTimeout(java.time.Duration.ofMillis(ms)));
            settings.flag("rowLevelNamespace").ifPresent(this::rowLevelNamespace);
            HttpSettings.rateLimit(settings).ifPresent(limit -> rateLimit(limit.orElse(null)));
            HttpSettings.cors(settings, cors).ifPresent(policy -> cors(policy.orElse(null)));
            realtime(HttpSettings.realtime(settings, realtime));
            return this;
        }

        /**
         * Adds a listener told how each request went and where its time went (seed 000's
         * {@code observability.onTiming}); listeners run in the order added, on the request's thread after
         * its answer is sent. Phases are timed only when at least one listener is added.
         *
         * @param listener gets one {@link TimingEvent} per request
         * @return this builder
         */
        public Builder onTiming(java.util.function.Consumer<TimingEvent> listener) {
            this.timingListeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * @param logger where the access line of each request goes (seed 000's {@code logger}); default
         *               {@link DataFnLogger#system()}, whose access lines are at {@code DEBUG}; e.g.
         *               {@code DataFnLogger.json(System.out::println)} in production; {@code null} for none
         * @return this builder
         */
        public Builder logger(DataFnLogger logger) {
            this.logger = logger;
            return this;
        }

        /**
         * @param bus carries committed writes to the live connections of every instance (default: an
         *            {@link InProcessCommitBus}, this instance only); the service publishes its engine's
         *            commits on it and closes nothing of it
         * @return this builder
         */
        public Builder commitBus(CommitBus bus) {
            this.commitBus = bus;
            return this;
        }

        /**
         * @param settings the live connections' limits and heartbeats (seed 000's {@code ws}; default
         *                 {@link RealtimeSettings#DEFAULTS})
         * @return this builder
         */
        public Builder realtime(RealtimeSettings settings) {
            this.realtime = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /** @return the HTTP service */
        public DataFnHttp build() {
            return new DataFnHttp(this);
        }
    }
}
