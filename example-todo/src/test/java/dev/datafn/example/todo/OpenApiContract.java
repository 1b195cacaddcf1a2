package dev.datafn.example.todo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.List;

/**
 * An OpenAPI document as a JSON Schema source: checks a value against one of its schemas, inline or a
 * component, with its {@code #/components/schemas/...} references resolved in the document itself.
 */
final class OpenApiContract {

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    private final JsonNode document;

    /** @param document the parsed OpenAPI document */
    OpenApiContract(JsonNode document) {
        this.document = document;
    }

    /** @return the document */
    JsonNode document() {
        return document;
    }

    /**
     * @param schema a schema of the document (e.g. an operation's response schema)
     * @param value  a value
     * @return what makes the value break the schema; empty when it conforms
     */
    List<String> violations(JsonNode schema, JsonNode value) {
        // The whole document is the schema resource, so "#/components/schemas/X" resolves; the schema to check
        // sits under a member of its own that the root refers to (2020-12 lets $ref stand beside other keywords).
        ObjectNode root = document.deepCopy();
        root.set("x-checked", schema);
        root.put("$ref", "#/x-checked");
        List<Error> errors = REGISTRY.getSchema(root.toString(), InputFormat.JSON).validate(value.toString(),
                InputFormat.JSON);
        return errors.stream().map(e -> e.getInstanceLocation() + ": " + e.getMessage()).toList();
    }
}
