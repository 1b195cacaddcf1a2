package dev.datafn.processor.generate.contract;

import dev.datafn.processor.json.JsonValue;
import dev.datafn.processor.json.JsonWriter;
import dev.datafn.processor.model.ResourceModel;
import dev.datafn.processor.model.SchemaModel;
import java.util.Map;

/**
 * Renders {@code META-INF/datafn/datafn.d.ts}: TypeScript declarations of the compilation's records, the
 * DFQL query of each resource (filter keys are its field names, operators those of each field's type), its
 * mutations and the protocol's bodies and envelopes. Every type is the OpenAPI component of the same name,
 * turned into TypeScript, so the two never disagree.
 */
public final class TypeScriptDeclarations {

    /** Where the file goes in the class output. */
    public static final String PATH = "META-INF/datafn/datafn.d.ts";

    private TypeScriptDeclarations() {
    }

    /** @param schema a validated schema @return the declarations */
    public static String render(SchemaModel schema) {
        StringBuilder out = new StringBuilder();
        out.append("// DataFn types of the resources ")
                .append(String.join(", ", schema.resources().stream().map(ResourceModel::name).toList()))
                .append(", generated from their records; the same shapes as META-INF/datafn/openapi.json.\n\n");
        for (ResourceModel r : schema.resources()) {
            out.append("/** The field names of ").append(r.name()).append(". */\n")
                    .append("export type ").append(r.simpleName()).append("Field = ")
                    .append(String.join(" | ", r.fieldsIdFirst().stream()
                            .map(f -> JsonWriter.quote(f.name())).toList()))
                    .append(";\n\n");
        }
        for (Map.Entry<String, JsonValue> component : OpenApiComponents.schemas(schema).members().entrySet()) {
            out.append("/** OpenAPI component ").append(component.getKey()).append(". */\n")
                    .append("export type ").append(component.getKey()).append(" = ")
                    .append(TypeScriptTypes.of(component.getValue(), "")).append(";\n\n");
        }
        out.append("/** Every error code, as DataFnError.code carries it. */\n")
                .append("export type ErrorCode = DataFnError[\"code\"];\n\n")
                .append("/** What every endpoint answers: its result, or an error. */\n")
                .append("export type Envelope<T> = { ok: true; result: T } | ErrorEnvelope;\n");
        return out.toString();
    }
}
