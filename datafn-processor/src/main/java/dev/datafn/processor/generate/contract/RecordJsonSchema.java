package dev.datafn.processor.generate.contract;

import dev.datafn.processor.json.JsonValue;
import dev.datafn.processor.json.JsonWriter;
import dev.datafn.processor.model.ResourceModel;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Renders {@code META-INF/datafn/schemas/<resource>.schema.json}: the JSON Schema (2020-12) of one resource's
 * records as the server answers them; expanded relations refer to the sibling files.
 */
public final class RecordJsonSchema {

    private RecordJsonSchema() {
    }

    /** @param resource a resource @return the file's path in the class output */
    public static String path(ResourceModel resource) {
        return "META-INF/datafn/schemas/" + resource.name() + ".schema.json";
    }

    /** @param resource a validated resource @return its record's JSON Schema, pretty-printed */
    public static String render(ResourceModel resource) {
        Map<String, JsonValue> members = new LinkedHashMap<>();
        members.put("$schema", Json.str("https://json-schema.org/draft/2020-12/schema"));
        members.put("$id", Json.str(resource.name() + ".schema.json"));
        members.put("title", Json.str(resource.simpleName()));
        members.put("description", Json.str("A record of the DataFn resource '" + resource.name() + "', version "
                + resource.version() + ", as the server answers it"));
        members.putAll(RecordSchemas.answered(resource,
                target -> Json.object().put("$ref", target + ".schema.json").build()).members());
        return JsonWriter.write(new JsonValue.JsonObject(members));
    }
}
