package dev.datafn.processor.generate.contract;

import dev.datafn.processor.json.JsonValue;
import dev.datafn.processor.json.JsonWriter;
import dev.datafn.processor.model.ResourceModel;
import dev.datafn.processor.model.SchemaModel;
import java.util.List;

/**
 * Renders {@code META-INF/datafn/openapi.json}: OpenAPI 3.1 of the DataFn endpoints over this compilation's
 * schema, relative to the mount ({@code servers: [{"url": "/datafn"}]}), callers proved by a bearer JWT.
 */
public final class OpenApiDocument {

    /** Where the file goes in the class output. */
    public static final String PATH = "META-INF/datafn/openapi.json";

    private OpenApiDocument() {
    }

    /** @param schema a validated schema @return the document, pretty-printed */
    public static String render(SchemaModel schema) {
        String resources = String.join(", ", schema.resources().stream().map(ResourceModel::name).toList());
        JsonValue document = Json.object()
                .put("openapi", "3.1.0")
                .put("jsonSchemaDialect", "https://json-schema.org/draft/2020-12/schema")
                .put("info", Json.object().put("title", "DataFn API").put("version", versions(schema))
                        .put("description", "DataFn's HTTP protocol over the resources " + resources
                                + ". Every answer is the envelope {\"ok\": true, \"result\"} or {\"ok\": false, "
                                + "\"error\": {\"code\", \"message\", \"path\"?}}.").build())
                .put("servers", Json.array(List.of(Json.object().put("url", "/datafn").build())))
                .put("security", Json.array(List.of(Json.object().put("bearerAuth", Json.array(List.of())).build())))
                .put("paths", OpenApiPaths.of(schema))
                .put("components", Json.object()
                        .put("schemas", OpenApiComponents.schemas(schema))
                        .put("securitySchemes", Json.object().put("bearerAuth", Json.object().put("type", "http")
                                .put("scheme", "bearer").put("bearerFormat", "JWT").build()).build())
                        .build())
                .build();
        return JsonWriter.write(document);
    }

    /** The API's version: each resource's schema version, e.g. {@code projects.1 tags.1 todos.1}. */
    private static String versions(SchemaModel schema) {
        return String.join(" ", schema.resources().stream().map(r -> r.name() + "." + r.version()).toList());
    }
}
