package dev.datafn.processor.generate.contract;

import static dev.datafn.processor.generate.contract.OpenApiComponents.arrayOf;
import static dev.datafn.processor.generate.contract.OpenApiComponents.object;
import static dev.datafn.processor.generate.contract.OpenApiComponents.type;

import dev.datafn.processor.json.JsonValue;
import dev.datafn.processor.model.ResourceModel;
import dev.datafn.processor.model.SchemaModel;
import java.util.List;

/**
 * The {@code paths} of the OpenAPI document: every endpoint {@code DataFnHttp} serves under its mount (the
 * WebSocket upgrade aside), and the REST wrappers spelled out per resource, each with an example request.
 */
final class OpenApiPaths {

    private OpenApiPaths() {
    }

    /** @param schema the validated schema @return the paths, in the order their examples are meant to run */
    static JsonValue.JsonObject of(SchemaModel schema) {
        ResourceModel first = RequestExamples.first(schema);
        JsonValue version = Json.num(first.version());
        JsonValue tables = Json.strings(List.of(first.name()));
        Json.ObjectBuilder paths = Json.object();
        paths.put("/status", Json.object().put("get", operation("status", "The schema hash, capabilities and limits",
                "protocol", null, null, Json.ref("StatusResult"))).build());
        paths.put("/query", post("query", "One DFQL query, or an array of them (a batch)", "dfql",
                oneOrMany("Query"), RequestExamples.query(first),
                Json.object().put("anyOf", Json.array(List.of(Json.ref("QueryResult"),
                        arrayOf(Json.ref("Outcome"))))).build()));
        boolean searchable = schema.resources().stream()
                .anyMatch(r -> r.fields().stream().anyMatch(f -> f.constraints().searchable()));
        if (searchable) {
            paths.put("/search", post("search", "Full-text search across resources, best matches first", "dfql",
                    Json.ref("SearchRequest"), Json.object().put("query", "example").put("limit", Json.num(5)).build(),
                    Json.ref("SearchResult")));
        }
        paths.put("/mutation", post("mutation", "One mutation, or an array of them (a batch)", "dfql",
                oneOrMany("Mutation"), RequestExamples.insert(first, 1),
                Json.object().put("anyOf", Json.array(List.of(Json.ref("MutationResult"),
                        arrayOf(Json.ref("Outcome"))))).build()));
        paths.put("/transact", post("transact", "Steps mixing queries and mutations, atomic by default", "dfql",
                Json.ref("TransactRequest"), Json.object().put("transactionId", "example-tx")
                        .put("steps", Json.array(List.of(
                                Json.object().put("query", RequestExamples.query(first)).build(),
                                Json.object().put("mutation", RequestExamples.insert(first, 2)).build())))
                        .build(), Json.ref("TransactResult")));
        paths.put("/clone", post("clone", "Every row of the asked tables, with sync cursors", "sync",
                Json.ref("CloneRequest"), Json.object().put("version", version).put("tables", tables).build(),
                Json.ref("CloneResult")));
        paths.put("/pull", post("pull", "The changes since each table's cursor", "sync", Json.ref("PullRequest"),
                Json.object().put("version", version).put("cursors", Json.object().put(first.name(), "0").build())
                        .build(), Json.ref("PullResult")));
        paths.put("/push", post("push", "A client's offline mutations, in order, idempotent", "sync",
                Json.ref("PushRequest"), Json.object().put("version", version).put("mutations",
                        Json.array(List.of(RequestExamples.insert(first, 3)))).build(), Json.ref("PushResult")));
        paths.put("/reconcile", post("reconcile", "The client's counts against the server's", "sync",
                Json.ref("ReconcileRequest"), Json.object().put("version", version).put("counts",
                        Json.object().put(first.name(), Json.num(0)).build()).build(), Json.ref("ReconcileResult")));
        paths.put("/seed", post("seed", "Records put into the namespace, idempotent by id", "sync",
                Json.ref("SeedRequest"), Json.object().put("version", version).put("data", Json.object()
                        .put(first.name(), Json.array(List.of(RequestExamples.record(first, 4,
                                first.idPrefix() + "_seeded")))).build()).build(), Json.ref("SeedResult")));
        for (ResourceModel r : schema.resources()) {
            rest(paths, r);
        }
        return paths.build();
    }

    /** The REST wrappers of one resource (seed 002), as {@code RestRoutes} serves them. */
    private static void rest(Json.ObjectBuilder paths, ResourceModel r) {
        String tag = r.name();
        String id = RequestExamples.exampleId(r);
        JsonValue q = parameter("q", "query", false, "the DFQL query without resource and version, as JSON",
                type("string"), Json.str("{\"limit\":10}"));
        paths.put("/resources/" + r.name(), Json.object()
                .put("get", withParameters(operation(r.name() + "-list", "Query " + r.name(), tag, null, null,
                        Json.ref(OpenApiComponents.pageName(r))), List.of(q)))
                .put("post", withParameters(operation(r.name() + "-create",
                        "Insert; with an id, create or merge; another operation when named", tag,
                        restBody(r, MutationSchemas.writeName(r), true), Json.object()
                                .put("clientId", "example-client").put("mutationId", "example-" + r.name() + "-post")
                                .put("record", RequestExamples.record(r, 5, id)).build(),
                        Json.ref("RestWriteResult")), keyParameters(false, r.name() + "-post")))
                .build());
        JsonValue idParameter = parameter("id", "path", true, "the record's id",
                Json.object().put("type", "string").put("pattern", FieldSchemas.ID_PATTERN).build(), Json.str(id));
        paths.put("/resources/" + r.name() + "/{id}", Json.object()
                .put("get", withParameters(operation(r.name() + "-get", "One " + r.simpleName(), tag, null, null,
                        Json.ref(r.simpleName())), List.of(idParameter)))
                .put("put", withParameters(operation(r.name() + "-upsert", "Upsert: the whole record", tag,
                        restBody(r, MutationSchemas.writeName(r), false), Json.object()
                                .put("clientId", "example-client").put("mutationId", "example-" + r.name() + "-put")
                                .put("record", RequestExamples.record(r, 6, null)).build(),
                        Json.ref("RestWriteResult")), List.of(idParameter)))
                .put("patch", withParameters(operation(r.name() + "-merge", "Merge: only the fields sent", tag,
                        restBody(r, MutationSchemas.patchName(r), false), Json.object()
                                .put("clientId", "example-client").put("mutationId", "example-" + r.name() + "-patch")
                                .put("record", RequestExamples.record(r, 7, null)).build(),
                        Json.ref("RestWriteResult")), List.of(idParameter)))
                .put("delete", withParameters(operation(r.name() + "-delete", "Delete", tag, null, null,
                        Json.ref("RestWriteResult")), withKeys(idParameter, r.name() + "-delete")))
                .build());
    }

    private static JsonValue restBody(ResourceModel r, String record, boolean withOperation) {
        Json.ObjectBuilder p = Json.object();
        if (withOperation) {
            p.put("id", Json.object().put("type", "string").put("pattern", FieldSchemas.ID_PATTERN).build());
            p.put("operation", Json.object().put("type", "string").put("enum", Json.strings(List.of("insert",
                    "merge", "replace", "upsert", "delete"))).build());
        }
        p.put("clientId", type("string")).put("mutationId", type("string")).put("record", Json.ref(record));
        return Json.object().put("type", "object").put("properties", p.build())
                .put("additionalProperties", Json.bool(false)).build();
    }

    /** The idempotency key as query parameters: required where the request has no body to carry it. */
    private static List<JsonValue> keyParameters(boolean required, String example) {
        return List.of(
                parameter("clientId", "query", required, "the idempotency key's client, unless in the body",
                        type("string"), Json.str("example-client")),
                parameter("mutationId", "query", required, "the idempotency key's mutation, unless in the body",
                        type("string"), Json.str("example-" + example)));
    }

    private static List<JsonValue> withKeys(JsonValue id, String example) {
        List<JsonValue> keys = keyParameters(true, example);
        return List.of(id, keys.get(0), keys.get(1));
    }

    private static JsonValue parameter(String name, String in, boolean required, String description, JsonValue schema,
            JsonValue example) {
        return Json.object().put("name", name).put("in", in).put("required", Json.bool(required))
                .put("description", description).put("schema", schema).put("example", example).build();
    }

    private static JsonValue post(String id, String summary, String tag, JsonValue body, JsonValue example,
            JsonValue result) {
        return Json.object().put("post", operation(id, summary, tag, body, example, result)).build();
    }

    private static JsonValue.JsonObject operation(String id, String summary, String tag, JsonValue body,
            JsonValue example, JsonValue result) {
        Json.ObjectBuilder op = Json.object().put("operationId", id).put("summary", summary)
                .put("tags", Json.strings(List.of(tag)));
        if (body != null) {
            op.put("requestBody", Json.object().put("required", Json.bool(true)).put("content", Json.object()
                    .put("application/json", Json.object().put("schema", body).put("example", example).build())
                    .build()).build());
        }
        JsonValue envelope = object(List.of("ok", "result"), Json.object()
                .put("ok", Json.object().put("const", Json.bool(true)).build()).put("result", result));
        op.put("responses", Json.object()
                .put("200", response("the result in the envelope", envelope))
                .put("default", response("an error in the envelope; the status is the code's",
                        Json.ref("ErrorEnvelope")))
                .build());
        return op.build();
    }

    private static JsonValue.JsonObject withParameters(JsonValue.JsonObject operation, List<JsonValue> parameters) {
        java.util.Map<String, JsonValue> members = new java.util.LinkedHashMap<>();
        operation.members().forEach((k, v) -> {
            members.put(k, v);
            if (k.equals("tags")) {
                members.put("parameters", Json.array(parameters));
            }
        });
        return new JsonValue.JsonObject(members);
    }

    private static JsonValue response(String description, JsonValue schema) {
        return Json.object().put("description", description).put("content", Json.object()
                .put("application/json", Json.object().put("schema", schema).build()).build()).build();
    }

    private static JsonValue oneOrMany(String component) {
        return Json.object().put("anyOf", Json.array(List.of(Json.ref(component), arrayOf(Json.ref(component)))))
                .build();
    }
}
