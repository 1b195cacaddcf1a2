package dev.datafn.processor.generate.contract;

import dev.datafn.processor.json.JsonValue;
import dev.datafn.processor.model.FieldConstraints;
import dev.datafn.processor.model.FieldModel;
import dev.datafn.processor.model.FieldRole;
import dev.datafn.processor.model.FieldType;
import dev.datafn.processor.model.ScalarKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one mapping of a field to JSON Schema (2020-12, as OpenAPI 3.1 uses it): what the server accepts and
 * answers for each field type and option. OpenAPI, the per-resource JSON Schemas and the TypeScript
 * declarations (rendered from these schemas) all take it from here.
 */
public final class FieldSchemas {

    /** What an id, a many-one reference and a link id may hold (the runtime's id rules). */
    public static final String ID_PATTERN = "^[A-Za-z0-9_\\-:.]+$";
    /** The length of a string without {@code maxLength}: what its column holds. */
    public static final int UNBOUNDED_STRING_LENGTH = 1_000_000;

    private FieldSchemas() {
    }

    /**
     * @param field a field
     * @return the schema of the field's values without the options' bounds: what a filter operand takes
     */
    public static JsonValue.JsonObject valueType(FieldModel field) {
        return switch (field.type()) {
            case FieldType.Scalar scalar -> scalar(scalar.kind()).build();
            case FieldType.EnumType enumType -> Json.object().put("type", "string")
                    .put("enum", Json.strings(enumType.constants())).build();
            case FieldType.IdList ignored -> Json.object().put("type", "array")
                    .put("items", Json.object().put("type", "string").build()).build();
        };
    }

    /**
     * @param field     a field
     * @param reference whether the field holds a many-one relation's target id, which follows the id rules
     * @return the schema of the field's non-null values, with every bound its options set
     */
    public static JsonValue.JsonObject value(FieldModel field, boolean reference) {
        Map<String, JsonValue> members = new LinkedHashMap<>(valueType(field).members());
        FieldConstraints c = field.constraints();
        if (field.role() == FieldRole.ID || reference) {
            members.put("pattern", Json.str(ID_PATTERN));
        } else if (field.type() instanceof FieldType.IdList) {
            members.put("items", Json.object().put("type", "string").put("pattern", ID_PATTERN).build());
        } else if (field.type().is(ScalarKind.STRING)) {
            members.put("maxLength", Json.num(c.maxLength() == null ? UNBOUNDED_STRING_LENGTH : c.maxLength()));
            if (c.pattern() != null) {
                members.put("pattern", Json.str(c.pattern()));
            }
        }
        if (field.type().isNumeric()) {
            if (c.min() != null) {
                members.put("minimum", Json.num(c.min()));
            }
            if (c.max() != null) {
                members.put("maximum", Json.num(c.max()));
            }
        }
        if (c.defaultValue() != null && !c.defaultImplied()) {
            members.put("default", DefaultValues.parse(c.defaultValue()));
        }
        return new JsonValue.JsonObject(members);
    }

    /**
     * @param field a field
     * @return whether the field may hold {@code null}: an optional field a client writes
     */
    public static boolean nullable(FieldModel field) {
        return field.role() == FieldRole.DATA && !field.constraints().required()
                && !(field.type() instanceof FieldType.IdList);
    }

    /**
     * @param field     a field
     * @param reference whether the field holds a many-one relation's target id
     * @return the schema of the field as records carry it: its values, {@code null} when it is optional, and
     *     {@code readOnly} when only the server writes it
     */
    public static JsonValue.JsonObject answered(FieldModel field, boolean reference) {
        JsonValue.JsonObject value = value(field, reference);
        Map<String, JsonValue> members = new LinkedHashMap<>(nullable(field) ? orNull(value).members() : value.members());
        if (serverOwned(field)) {
            members.put("readOnly", Json.bool(true));
        }
        return new JsonValue.JsonObject(members);
    }

    /** @param field a field @return whether clients may not write it (its timestamps, read-only fields) */
    public static boolean serverOwned(FieldModel field) {
        return field.role() == FieldRole.CREATED_AT || field.role() == FieldRole.UPDATED_AT
                || field.constraints().readOnly();
    }

    /**
     * @param schema a schema with a {@code type} (and perhaps an {@code enum})
     * @return the same schema that also admits {@code null}
     */
    public static JsonValue.JsonObject orNull(JsonValue.JsonObject schema) {
        Map<String, JsonValue> members = new LinkedHashMap<>(schema.members());
        List<JsonValue> types = new ArrayList<>();
        switch (members.get("type")) {
            case JsonValue.JsonArray array -> types.addAll(array.items());
            case JsonValue.JsonString one -> types.add(one);
            case null, default -> throw new IllegalArgumentException("a schema without a type: " + schema);
        }
        types.add(Json.str("null"));
        members.put("type", Json.array(types));
        if (members.get("enum") instanceof JsonValue.JsonArray values) {
            List<JsonValue> withNull = new ArrayList<>(values.items());
            withNull.add(new JsonValue.JsonNull());
            members.put("enum", Json.array(withNull));
        }
        return new JsonValue.JsonObject(members);
    }

    private static Json.ObjectBuilder scalar(ScalarKind kind) {
        return switch (kind) {
            case STRING -> Json.object().put("type", "string");
            case BOOLEAN -> Json.object().put("type", "boolean");
            case INTEGER -> Json.object().put("type", "integer").put("format", "int32")
                    .put("minimum", Json.num(Integer.MIN_VALUE)).put("maximum", Json.num(Integer.MAX_VALUE));
            case LONG -> Json.object().put("type", "integer").put("format", "int64");
            case NUMBER -> Json.object().put("type", "number").put("format", "double");
            case DECIMAL -> Json.object().put("type", "number");
            case DATETIME -> Json.object().put("type", "string").put("format", "date-time");
            case DATE -> Json.object().put("type", "string").put("format", "date");
            // Any JSON value but null, which means "no value" for every field.
            case JSON -> Json.object().put("type", Json.strings(List.of("object", "array", "string", "number",
                    "boolean")));
        };
    }
}
