package dev.datafn.processor.generate.contract;

import dev.datafn.processor.json.JsonValue;
import dev.datafn.processor.model.ResourceModel;
import dev.datafn.processor.model.SchemaModel;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code components.schemas} of the OpenAPI document: per resource its record (answered, written whole,
 * written in part), filter, query, mutation and page; the protocol's bodies and answers; the envelopes and
 * the error codes.
 */
final class OpenApiComponents {

    private OpenApiComponents() {
    }

    /** @param schema the validated schema @return the schemas by component name */
    static JsonValue.JsonObject schemas(SchemaModel schema) {
        Json.ObjectBuilder out = Json.object();
        for (ResourceModel r : schema.resources()) {
            out.put(r.simpleName(), RecordSchemas.answered(r, target -> Json.ref(recordName(schema, target))));
            out.put(MutationSchemas.writeName(r), RecordSchemas.written(r, true));
            out.put(MutationSchemas.patchName(r), RecordSchemas.written(r, false));
            out.put(QuerySchemas.filterName(r), QuerySchemas.filter(r));
            out.put(QuerySchemas.queryName(r), QuerySchemas.query(r));
            out.put(MutationSchemas.mutationName(r), MutationSchemas.mutation(r));
            out.put(pageName(r), page(Json.ref(r.simpleName())));
        }
        List<String> names = schema.resources().stream().map(ResourceModel::name).toList();
        out.put("Query", anyOf(schema, QuerySchemas::queryName));
        out.put("Mutation", anyOf(schema, MutationSchemas::mutationName));
        List<JsonValue> rows = new ArrayList<>();
        schema.resources().forEach(r -> rows.add(Json.ref(r.simpleName())));
        // Grouped queries answer rows of group fields and aggregate aliases, not records.
        rows.add(Json.object().put("type", "object").put("description", "a row of a grouped query").build());
        out.put("QueryResult", page(Json.object().put("anyOf", Json.array(rows)).build()));
        out.put("MutationResult", object(List.of("ok", "mutationId", "affectedIds", "errors", "deduped", "serverSeq"),
                Json.object().put("ok", Json.object().put("const", Json.bool(true)).build())
                        .put("mutationId", nullable("string"))
                        .put("affectedIds", arrayOf(type("string")))
                        .put("errors", arrayOf(Json.ref("DataFnError")))
                        .put("deduped", type("boolean"))
                        .put("serverSeq", type("integer"))));
        out.put("RestWriteResult", object(List.of("id", "serverSeq", "deduped"), Json.object()
                .put("id", type("string")).put("serverSeq", type("integer")).put("deduped", type("boolean"))));
        out.put("DataFnError", error());
        out.put("ErrorEnvelope", object(List.of("ok", "error"), Json.object()
                .put("ok", Json.object().put("const", Json.bool(false)).build()).put("error", Json.ref("DataFnError"))));
        out.put("Outcome", Json.object().put("oneOf", Json.array(List.of(
                object(List.of("ok", "result"), Json.object()
                        .put("ok", Json.object().put("const", Json.bool(true)).build()).put("result", Json.object().build())),
                Json.ref("ErrorEnvelope")))).build());
        SyncSchemas.addTo(out, schema, names);
        return out.build();
    }

    /** @param r a resource @return the component name of a page of its records, e.g. {@code TodoPage} */
    static String pageName(ResourceModel r) {
        return r.simpleName() + "Page";
    }

    private static String recordName(SchemaModel schema, String resourceName) {
        return schema.resources().stream().filter(r -> r.name().equals(resourceName)).findFirst()
                .orElseThrow().simpleName();
    }

    private static JsonValue page(JsonValue item) {
        return object(List.of("data", "hasMore"), Json.object()
                .put("data", arrayOf(item))
                .put("nextCursor", nullable("string"))
                .put("hasMore", type("boolean"))
                .put("count", type("integer")));
    }

    private static JsonValue error() {
        return object(List.of("code", "message"), Json.object()
                .put("code", Json.object().put("type", "string")
                        .put("enum", Json.strings(ErrorCodes.STATUS_BY_CODE.keySet())).build())
                .put("message", type("string"))
                .put("path", type("string"))
                .put("details", Json.object().put("type", "object").build()));
    }

    private static JsonValue anyOf(SchemaModel schema, java.util.function.Function<ResourceModel, String> name) {
        return Json.object().put("anyOf", Json.array(schema.resources(), r -> Json.ref(name.apply(r)))).build();
    }

    /** @param required the required members @param properties the members @return a closed object schema */
    static JsonValue object(List<String> required, Json.ObjectBuilder properties) {
        return Json.object().put("type", "object").put("required", Json.strings(required))
                .put("properties", properties.build()).put("additionalProperties", Json.bool(false)).build();
    }

    /** @param name a JSON Schema type @return {@code {"type": name}} */
    static JsonValue type(String name) {
        return Json.object().put("type", name).build();
    }

    /** @param name a JSON Schema type @return that type or null */
    static JsonValue nullable(String name) {
        return Json.object().put("type", Json.strings(List.of(name, "null"))).build();
    }

    /** @param items the items' schema @return an array of them */
    static JsonValue arrayOf(JsonValue items) {
        return Json.object().put("type", "array").put("items", items).build();
    }

    /** @param values the values' schema @return an object whose every member has it */
    static JsonValue mapOf(JsonValue values) {
        return Json.object().put("type", "object").put("additionalProperties", values).build();
    }
}
