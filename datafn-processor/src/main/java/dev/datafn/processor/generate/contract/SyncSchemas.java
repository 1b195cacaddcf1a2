package dev.datafn.processor.generate.contract;

import static dev.datafn.processor.generate.contract.OpenApiComponents.arrayOf;
import static dev.datafn.processor.generate.contract.OpenApiComponents.mapOf;
import static dev.datafn.processor.generate.contract.OpenApiComponents.nullable;
import static dev.datafn.processor.generate.contract.OpenApiComponents.object;
import static dev.datafn.processor.generate.contract.OpenApiComponents.type;

import dev.datafn.processor.json.JsonValue;
import dev.datafn.processor.model.ResourceModel;
import dev.datafn.processor.model.SchemaModel;
import java.util.List;

/**
 * The bodies and answers of transact, search and the sync endpoints (clone, pull, push, reconcile, seed),
 * with the schema's table names where a body names tables and its record schemas where an answer carries
 * records.
 */
final class SyncSchemas {

    private SyncSchemas() {
    }

    /**
     * @param out    the components to add to
     * @param schema the schema
     * @param tables the resource names
     */
    static void addTo(Json.ObjectBuilder out, SchemaModel schema, List<String> tables) {
        JsonValue table = Json.object().put("type", "string").put("enum", Json.strings(tables)).build();
        JsonValue cursor = type("string");
        JsonValue version = Json.object().put("type", "integer").put("minimum", Json.num(1)).build();
        Json.ObjectBuilder records = Json.object();
        Json.ObjectBuilder written = Json.object();
        Json.ObjectBuilder changes = Json.object();
        Json.ObjectBuilder cursorsByTable = Json.object();
        Json.ObjectBuilder countsByTable = Json.object();
        for (ResourceModel r : schema.resources()) {
            records.put(r.name(), arrayOf(Json.ref(r.simpleName())));
            written.put(r.name(), arrayOf(Json.ref(MutationSchemas.writeName(r))));
            // A pulled change is the record after it, or the tombstone of a deleted one.
            changes.put(r.name(), arrayOf(Json.object().put("type", "object").put("required",
                    Json.strings(List.of("id", "__deleted"))).put("properties", Json.object()
                            .put("id", type("string")).put("__deleted", type("boolean")).build()).build()));
            cursorsByTable.put(r.name(), cursor);
            countsByTable.put(r.name(), Json.object().put("type", "integer").put("minimum", Json.num(0)).build());
        }
        JsonValue cursors = closed(cursorsByTable);
        JsonValue integer = type("integer");

        out.put("TransactRequest", object(List.of("steps"), Json.object()
                .put("transactionId", type("string"))
                .put("atomic", type("boolean"))
                .put("steps", arrayOf(Json.object().put("oneOf", Json.array(List.of(
                        object(List.of("query"), Json.object().put("query", Json.ref("Query"))),
                        object(List.of("mutation"), Json.object().put("mutation", Json.ref("Mutation")))))).build()))));
        out.put("TransactResult", object(List.of("ok", "results"), Json.object()
                .put("ok", type("boolean"))
                .put("transactionId", type("string"))
                .put("results", arrayOf(object(List.of("kind", "ok"), Json.object()
                        .put("kind", Json.object().put("type", "string").put("enum",
                                Json.strings(List.of("query", "mutation"))).build())
                        .put("ok", type("boolean"))
                        .put("rolledBack", type("boolean"))
                        .put("result", Json.object().build())
                        .put("error", Json.ref("DataFnError")))))
                .put("failedStep", integer)
                .put("error", Json.ref("DataFnError"))));
        out.put("SearchRequest", object(List.of("query"), Json.object()
                .put("query", Json.object().put("type", "string").put("maxLength", Json.num(1000)).build())
                .put("resources", arrayOf(table))
                .put("limit", Json.object().put("type", "integer").put("minimum", Json.num(1)).build())
                .put("prefix", type("boolean"))
                .put("fuzzy", Json.object().put("type", Json.strings(List.of("number", "boolean"))).build())
                .put("fieldBoosts", mapOf(type("number")))));
        out.put("SearchResult", object(List.of("results"), Json.object()
                .put("results", arrayOf(object(List.of("resource", "id", "score", "data"), Json.object()
                        .put("resource", table).put("id", type("string")).put("score", type("number"))
                        .put("data", Json.object().put("anyOf", Json.array(schema.resources(),
                                r -> Json.ref(r.simpleName()))).build()))))));
        out.put("CloneRequest", object(List.of("tables"), Json.object()
                .put("version", version).put("tables", arrayOf(table))
                .put("limit", Json.object().put("type", "integer").put("minimum", Json.num(1)).build())
                .put("continuation", type("string"))));
        out.put("CloneResult", object(List.of("ok", "data", "cursors"), Json.object()
                .put("ok", type("boolean")).put("data", closed(records)).put("cursors", cursors)
                .put("hasMore", type("boolean")).put("continuation", nullable("string"))));
        out.put("PullRequest", object(List.of("cursors"), Json.object()
                .put("version", version).put("cursors", cursors)
                .put("limit", Json.object().put("type", "integer").put("minimum", Json.num(1)).build())));
        out.put("PullResult", object(List.of("ok", "records", "cursors", "hasMore"), Json.object()
                .put("ok", type("boolean")).put("records", closed(changes)).put("cursors", cursors)
                .put("hasMore", type("boolean"))));
        out.put("PushRequest", object(List.of("mutations"), Json.object()
                .put("version", version).put("mutations", arrayOf(Json.ref("Mutation")))
                .put("atomic", type("boolean"))));
        out.put("PushResult", object(List.of("ok", "results"), Json.object()
                .put("ok", type("boolean"))
                .put("results", arrayOf(Json.object().put("oneOf", Json.array(List.of(
                        object(List.of("ok", "result"), Json.object()
                                .put("ok", Json.object().put("const", Json.bool(true)).build())
                                .put("result", Json.ref("MutationResult"))),
                        Json.ref("ErrorEnvelope")))).build()))
                .put("failedIndex", integer).put("error", Json.ref("DataFnError"))));
        out.put("ReconcileRequest", object(List.of("counts"), Json.object()
                .put("version", version).put("counts", closed(countsByTable))
                .put("checksums", mapOf(type("string"))).put("cursors", cursors)));
        out.put("ReconcileResult", object(List.of("ok", "tables", "cursors"), Json.object()
                .put("ok", type("boolean"))
                .put("tables", mapOf(object(List.of("serverCount", "clientCount", "drift", "action"), Json.object()
                        .put("serverCount", integer).put("clientCount", integer)
                        .put("checksum", nullable("string")).put("drift", type("boolean"))
                        .put("action", Json.object().put("type", "string").put("enum",
                                Json.strings(List.of("none", "pull", "clone"))).build()))))
                .put("cursors", mapOf(cursor))));
        out.put("SeedRequest", object(List.of("data"), Json.object()
                .put("version", version).put("data", closed(written))));
        out.put("SeedResult", object(List.of("ok", "inserted", "skipped"), Json.object()
                .put("ok", type("boolean")).put("inserted", mapOf(integer)).put("skipped", mapOf(integer))));
        out.put("StatusResult", object(List.of("schemaHash", "capabilities", "limits", "serverTimeMs"), Json.object()
                .put("schemaHash", type("string")).put("capabilities", arrayOf(type("string")))
                .put("limits", Json.object().put("type", "object").build()).put("serverTimeMs", integer)));
    }

    /** An object whose members are the given ones, each optional, and no other. */
    private static JsonValue closed(Json.ObjectBuilder properties) {
        return Json.object().put("type", "object").put("properties", properties.build())
                .put("additionalProperties", Json.bool(false)).build();
    }
}
