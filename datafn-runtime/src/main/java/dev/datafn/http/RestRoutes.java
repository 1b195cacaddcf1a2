package dev.datafn.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datafn.DataFn;
import dev.datafn.error.DataFnException;
import dev.datafn.error.ErrorCode;
import dev.datafn.json.Json;
import dev.datafn.json.JsonReader;
import dev.datafn.mutation.MutationResult;
import dev.datafn.mutation.prepare.Ids;
import dev.datafn.schema.ResourceSchema;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The REST wrappers of seed 002 over DFQL: {@code GET /resources/:resource?q=<dfql>} (query),
 * {@code POST /resources/:resource} (insert; with an id, create or update: a merge that inserts the record
 * when it is absent, see {@link CreateOrMerge}; any operation with {@code "operation"}),
 * {@code PATCH /resources/:resource/:id} (merge), {@code PUT
 * /resources/:resource/:id} (upsert: the whole record) and {@code DELETE /resources/:resource/:id}
 * (delete), {@code GET /resources/:resource/:id} (one record, 404 when absent). The version comes from
 * the schema; the authorizer sees each call's DFQL form, as if it had come to {@code /query} or
 * {@code /mutation}. Path segments are checked against traversal before anything else.
 */
final class RestRoutes {

    private static final Set<String> BODY_MEMBERS = Set.of("id", "clientId", "mutationId", "record", "operation");

    private final DataFn datafn;
    private final RequestPipeline pipeline;
    private final String onlyResource;
    private final CreateOrMerge createOrMerge;

    /**
     * @param datafn       the engine
     * @param pipeline     the checks every request passes
     * @param onlyResource serve only this resource, at {@code /resources/<name>}; {@code null} serves every
     *                     resource at {@code /resources/{resource}}
     */
    RestRoutes(DataFn datafn, RequestPipeline pipeline, String onlyResource) {
        this.datafn = datafn;
        this.pipeline = pipeline;
        this.onlyResource = onlyResource;
        this.createOrMerge = new CreateOrMerge(pipeline);
    }

    /** @param rules the rules to add the routes to */
    void register(HttpRules rules) {
        String base = "/resources/" + (onlyResource == null ? "{resource}" : onlyResource);
        if (onlyResource != null) {
            // Served on its own (a generated <Record>Routes); DataFnHttp guards its whole mount itself.
            rules.any("/resources/*", new PathTraversalGuard(pipeline));
        }
        rules.get(base, this::query)
                .post(base, this::save)
                .get(base + "/{id}", this::get)
                .put(base + "/{id}", this::upsert)
                .patch(base + "/{id}", this::merge)
                .delete(base + "/{id}", this::delete);
    }

    private void query(ServerRequest req, ServerResponse res) {
        pipeline.handle(req, res, "query", false, (request, none) -> {
            ResourceSchema resource = resource(request);
            Optional<String> q = request.query().first("q").asOptional();
            ObjectNode dfql = q.isPresent()
                    ? objectAt(Json.parse(q.get().getBytes(StandardCharsets.UTF_8), "q"), "q") : Json.object();
            dfql.put("resource", resource.name());
            dfql.put("version", resource.version());
            return dfql;
        }, (scope, dfql) -> scope.engine().query(scope.namespace(), dfql).toJson());
    }

    /**
     * {@code GET /resources/:resource/:id}: the record, as a query selecting it by id answers it; 404 when
     * the caller's namespace has no such record.
     */
    private void get(ServerRequest req, ServerResponse res) {
        pipeline.handle(req, res, "query", false, (request, none) -> {
            ResourceSchema resource = resource(request);
            ObjectNode dfql = Json.object();
            dfql.put("resource", resource.name());
            dfql.put("version", resource.version());
            String id = Ids.validate(segment(request, "id"), datafn.limits().maxIdLength(), "id");
            dfql.putObject("filters").put("id", id);
            dfql.put("limit", 1);
            return dfql;
        }, (scope, dfql) -> {
            List<ObjectNode> found = scope.engine().query(scope.namespace(), dfql).data();
            if (found.isEmpty()) {
                throw new DataFnException(ErrorCode.NOT_FOUND, "no '" + dfql.get("resource").textValue()
                        + "' record '" + dfql.at("/filters/id").textValue() + "'", "id");
            }
            return found.get(0);
        });
    }

    private void save(ServerRequest req, ServerResponse res) {
        pipeline.handle(req, res, "mutation", true, (request, body) -> {
            ResourceSchema resource = resource(request);
            JsonReader in = JsonReader.of(body, "", BODY_MEMBERS);
            String id = in.optionalText("id");
            String operation = in.optionalText("operation");
            if (operation == null) {
                operation = id == null ? "insert" : "merge";
            }
            ObjectNode mutation = mutation(request, in, resource, operation);
            if (id != null) {
                mutation.put("id", id);
            }
            return mutation;
        }, (scope, mutation) -> "merge".equals(mutation.path("operation").asText())
                ? answer(createOrMerge.apply(req, scope, (ObjectNode) mutation)) : mutate(scope, mutation));
    }

    private void merge(ServerRequest req, ServerResponse res) {
        writeById(req, res, "merge");
    }

    /** {@code PUT}: the whole record under this id, replacing the stored one or creating it. */
    private void upsert(ServerRequest req, ServerResponse res) {
        writeById(req, res, "upsert");
    }

    private void writeById(ServerRequest req, ServerResponse res, String operation) {
        pipeline.handle(req, res, "mutation", true, (request, body) -> {
            ResourceSchema resource = resource(request);
            JsonReader in = JsonReader.of(body, "", Set.of("clientId", "mutationId", "record"));
            ObjectNode mutation = mutation(request, in, resource, operation);
            mutation.put("id", segment(request, "id"));
            return mutation;
        }, this::mutate);
    }

    private void delete(ServerRequest req, ServerResponse res) {
        pipeline.handle(req, res, "mutation", false, (request, none) -> {
            ObjectNode mutation = mutation(request, null, resource(request), "delete");
            mutation.put("id", segment(request, "id"));
            return mutation;
        }, this::mutate);
    }

    private JsonNode mutate(RequestScope scope, JsonNode mutation) {
        return answer(scope.engine().mutate(scope.namespace(), scope.actorId(), mutation));
    }

    /** Builds the DFQL mutation; clientId and mutationId come from the body or the query string. */
    private static ObjectNode mutation(ServerRequest req, JsonReader body, ResourceSchema resource, String operation) {
        ObjectNode m = Json.object();
        m.put("resource", resource.name());
        m.put("version", resource.version());
        m.put("operation", operation);
        for (String key : new String[] {"clientId", "mutationId"}) {
            String value = body == null ? null : body.optionalText(key);
            if (value == null) {
                value = req.query().first(key).asOptional().orElse(null);
            }
            if (value == null) {
                throw DataFnException.invalid(key, "'" + key + "' is required, in the body or as a query parameter");
            }
            m.put(key, value);
        }
        if (body != null && body.has("record")) {
            m.set("record", body.get("record"));
        }
        return m;
    }

    private static JsonNode answer(MutationResult result) {
        ObjectNode out = Json.object();
        out.put("id", result.affectedIds().get(0));
        out.put("serverSeq", result.serverSeq());
        out.put("deduped", result.deduped());
        return out;
    }

    private ResourceSchema resource(ServerRequest req) {
        String name = onlyResource != null ? onlyResource : segment(req, "resource");
        return datafn.schema().resource(name).orElseThrow(() -> new DataFnException(ErrorCode.NOT_FOUND,
                "unknown resource '" + name + "'", "resource"));
    }

    /** A decoded path segment, refused when it could step out of its place: {@code ..}, NUL, slashes. */
    private static String segment(ServerRequest req, String name) {
        String value = req.path().pathParameters().first(name).orElse("");
        if (value.isEmpty() || value.contains("..") || value.indexOf('\0') >= 0 || value.contains("/")) {
            throw DataFnException.invalid(name, "invalid path segment");
        }
        return value;
    }

    private static ObjectNode objectAt(JsonNode node, String path) {
        if (!node.isObject()) {
            throw DataFnException.invalid(path, "q must be a JSON object");
        }
        ObjectNode q = (ObjectNode) node;
        if (q.has("resource") || q.has("version")) {
            throw DataFnException.invalid(path, "q takes no resource or version: they come from the path");
        }
        return q;
    }
}
