package dev.datafn.processor.generate.contract;

import dev.datafn.processor.json.JsonValue;
import dev.datafn.processor.model.FieldModel;
import dev.datafn.processor.model.FieldRole;
import dev.datafn.processor.model.RelationKind;
import dev.datafn.processor.model.RelationModel;
import dev.datafn.processor.model.ResourceModel;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The JSON Schemas of a resource's records: as the server answers them, and as a client writes them (a
 * whole record for insert and replace, a partial one for merge).
 */
public final class RecordSchemas {

    private RecordSchemas() {
    }

    /**
     * A record as queries, REST reads and sync answer it: every field, the id and the required fields
     * always present, and, when a query expands them, the related records under the relations' names.
     *
     * @param resource the resource
     * @param refTo    the reference to another resource's record schema, by resource name
     * @return the schema
     */
    public static JsonValue.JsonObject answered(ResourceModel resource, Function<String, JsonValue> refTo) {
        Json.ObjectBuilder properties = Json.object();
        List<String> required = new ArrayList<>();
        for (FieldModel field : resource.fieldsIdFirst()) {
            properties.put(field.name(), FieldSchemas.answered(field, isReference(resource, field)));
            if (field.role() == FieldRole.ID || field.constraints().required()) {
                required.add(field.name());
            }
        }
        for (RelationModel relation : resource.relations()) {
            if (resource.field(relation.name()).isPresent()) {
                continue; // a many-many relation named like its id list answers the ids there
            }
            JsonValue target = refTo.apply(relation.targetResource());
            properties.put(relation.name(), relation.kind() == RelationKind.MANY_ONE
                    ? Json.object().put("anyOf", Json.array(List.of(target,
                            Json.object().put("type", "null").build()))).build()
                    : Json.object().put("type", "array").put("items", target).build());
        }
        return Json.object().put("type", "object").put("properties", properties.build())
                .put("required", Json.strings(required)).put("additionalProperties", Json.bool(false)).build();
    }

    /**
     * A record as a client writes it: the id and the fields clients own; with {@code whole}, the required
     * fields without a default must be present (insert, replace), else every field is optional (merge).
     *
     * @param resource the resource
     * @param whole    whether the record is written whole
     * @return the schema
     */
    public static JsonValue.JsonObject written(ResourceModel resource, boolean whole) {
        Json.ObjectBuilder properties = Json.object();
        List<String> required = new ArrayList<>();
        for (FieldModel field : writable(resource)) {
            JsonValue.JsonObject value = FieldSchemas.value(field, isReference(resource, field));
            properties.put(field.name(), FieldSchemas.nullable(field) ? FieldSchemas.orNull(value) : value);
            if (whole && field.role() != FieldRole.ID && field.constraints().required()
                    && field.constraints().defaultValue() == null) {
                required.add(field.name());
            }
        }
        Json.ObjectBuilder schema = Json.object().put("type", "object").put("properties", properties.build());
        if (!required.isEmpty()) {
            schema.put("required", Json.strings(required));
        }
        return schema.put("additionalProperties", Json.bool(false)).build();
    }

    /**
     * @param resource a resource
     * @param field    one of its fields
     * @return whether the field holds the target id of one of its many-one relations
     */
    public static boolean isReference(ResourceModel resource, FieldModel field) {
        return resource.relations().stream()
                .anyMatch(r -> r.kind() == RelationKind.MANY_ONE && field.name().equals(r.field()));
    }

    /** @param resource a resource @return the fields a client may write, the id first */
    public static List<FieldModel> writable(ResourceModel resource) {
        return resource.fieldsIdFirst().stream().filter(f -> !FieldSchemas.serverOwned(f)).toList();
    }
}
