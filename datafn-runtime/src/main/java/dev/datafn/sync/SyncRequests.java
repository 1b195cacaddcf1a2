package dev.datafn.sync;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datafn.access.Access;
import dev.datafn.error.DataFnException;
import dev.datafn.error.ErrorCode;
import dev.datafn.json.JsonPaths;
import dev.datafn.json.JsonReader;
import dev.datafn.schema.ResourceSchema;
import dev.datafn.schema.Schema;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reading the parts sync requests share: the protocol version, table names and cursors. */
final class SyncRequests {

    /** The sync protocol version this server speaks. */
    static final int VERSION = 1;

    private SyncRequests() {
    }

    /** The request's {@code version}, when sent, must be {@value #VERSION}. */
    static void checkVersion(JsonReader in) {
        if (in.has("version") && !(in.get("version").isInt() && in.get("version").intValue() == VERSION)) {
            throw DataFnException.invalid(in.pathOf("version"), "this server speaks sync version " + VERSION);
        }
    }

    /** @return the resource a table name in a request names */
    static ResourceSchema table(Schema schema, String name, String path) {
        return schema.resource(name).orElseThrow(() -> new DataFnException(ErrorCode.DFQL_UNKNOWN_RESOURCE,
                "unknown table '" + name + "'; this server has "
                        + schema.resources().stream().map(ResourceSchema::name).toList(), path));
    }

    /**
     * @param access what the caller may read
     * @return the resource a table name in a request names, when the caller may read it
     * @throws DataFnException FORBIDDEN when it may not
     */
    static ResourceSchema readableTable(Schema schema, Access access, String name, String path) {
        ResourceSchema table = table(schema, name, path);
        access.requireRead(table, path);
        return table;
    }

    /**
     * @param access what the caller may read
     * @param node {@code {"table": "cursor", ...}}
     * @param path the object's path
     * @return each table's cursor, in request order
     */
    static Map<ResourceSchema, Long> cursors(Schema schema, Access access, JsonNode node, String path) {
        if (node == null || !node.isObject() || node.isEmpty()) {
            throw DataFnException.invalid(path, "'cursors' is required: an object of table name to cursor, "
                    + "e.g. {\"todos\": \"0\"}");
        }
        Map<ResourceSchema, Long> cursors = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> entries = node.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> e = entries.next();
            String at = JsonPaths.child(path, e.getKey());
            cursors.put(readableTable(schema, access, e.getKey(), at), SyncCursors.parse(e.getValue(), at));
        }
        return cursors;
    }
}
