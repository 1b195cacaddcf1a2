package dev.datafn.processor.generate.contract;

import dev.datafn.processor.json.JsonValue;
import dev.datafn.processor.json.JsonWriter;
import dev.datafn.processor.model.FieldConstraints;
import dev.datafn.processor.model.FieldModel;
import dev.datafn.processor.model.FieldRole;
import dev.datafn.processor.model.FieldType;
import dev.datafn.processor.model.RelationKind;
import dev.datafn.processor.model.RelationModel;
import dev.datafn.processor.model.ResourceModel;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders {@code META-INF/datafn/table-schemas/<resource>.json}: the resource as a Frictionless Table Schema
 * (seed 004's format), for data tooling: fields with type, format and constraints, the id as primary key,
 * many-one relations as foreign keys.
 */
public final class TableSchemaJson {

    private TableSchemaJson() {
    }

    /** @param resource a resource @return the file's path in the class output */
    public static String path(ResourceModel resource) {
        return "META-INF/datafn/table-schemas/" + resource.name() + ".json";
    }

    /** @param resource a validated resource @return its Table Schema, pretty-printed */
    public static String render(ResourceModel resource) {
        Json.ObjectBuilder schema = Json.object()
                .put("fields", Json.array(resource.fieldsIdFirst(), f -> field(resource, f)))
                .put("primaryKey", Json.strings(resource.idField().map(f -> List.of(f.name())).orElse(List.of())));
        List<JsonValue> foreignKeys = new ArrayList<>();
        for (RelationModel relation : resource.relations()) {
            if (relation.kind() == RelationKind.MANY_ONE) {
                foreignKeys.add(Json.object().put("fields", Json.strings(List.of(relation.field())))
                        .put("reference", Json.object().put("resource", relation.targetResource())
                                .put("fields", Json.strings(List.of("id"))).build()).build());
            }
        }
        if (!foreignKeys.isEmpty()) {
            schema.put("foreignKeys", Json.array(foreignKeys));
        }
        return JsonWriter.write(schema.build());
    }

    private static JsonValue field(ResourceModel resource, FieldModel field) {
        Json.ObjectBuilder out = Json.object().put("name", field.name());
        switch (field.type()) {
            case FieldType.EnumType ignored -> out.put("type", "string");
            case FieldType.IdList ignored -> out.put("type", "array");
            case FieldType.Scalar scalar -> {
                switch (scalar.kind()) {
                    case STRING -> out.put("type", "string");
                    case BOOLEAN -> out.put("type", "boolean");
                    case INTEGER, LONG -> out.put("type", "integer");
                    case NUMBER, DECIMAL -> out.put("type", "number");
                    case DATETIME -> out.put("type", "datetime");
                    case DATE -> out.put("type", "date");
                    case JSON -> out.put("type", "any");
                }
            }
        }
        JsonValue.JsonObject constraints = constraints(field, RecordSchemas.isReference(resource, field));
        if (!constraints.members().isEmpty()) {
            out.put("constraints", constraints);
        }
        return out.build();
    }

    private static JsonValue.JsonObject constraints(FieldModel field, boolean reference) {
        FieldConstraints c = field.constraints();
        Json.ObjectBuilder out = Json.object();
        if (field.role() == FieldRole.ID || c.required()) {
            out.put("required", Json.bool(true));
        }
        if (field.role() == FieldRole.ID || c.unique()) {
            out.put("unique", Json.bool(true));
        }
        JsonValue.JsonObject value = FieldSchemas.value(field, reference);
        for (String bound : new String[] {"maxLength", "minimum", "maximum", "pattern", "enum"}) {
            out.putIfSet(bound, value.members().get(bound));
        }
        return out.build();
    }
}
