package dev.datafn.processor.generate;

import dev.datafn.processor.json.JsonReader;
import dev.datafn.processor.json.JsonSyntaxException;
import dev.datafn.processor.json.JsonValue;
import dev.datafn.processor.json.JsonWriter;
import dev.datafn.processor.model.FieldConstraints;
import dev.datafn.processor.model.FieldModel;
import dev.datafn.processor.model.FieldRole;
import dev.datafn.processor.model.FieldType;
import dev.datafn.processor.model.IndexModel;
import dev.datafn.processor.model.RelationModel;
import dev.datafn.processor.model.ResourceModel;
import dev.datafn.processor.model.SchemaModel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Renders {@code META-INF/datafn/schema.json}, the schema in DataFn's own JSON form: resources by name,
 * fields in record order (id first), only the options that are set.
 */
public final class SchemaJson {

    /** Where the file goes in the class output. */
    public static final String PATH = "META-INF/datafn/schema.json";

    private SchemaJson() {
    }

    /** @param schema a validated schema @return its pretty-printed JSON */
    public static String render(SchemaModel schema) {
        return JsonWriter.write(object(Map.of("resources", array(schema.resources(), SchemaJson::resource))));
    }

    private static JsonValue resource(ResourceModel resource) {
        Map<String, JsonValue> members = new LinkedHashMap<>();
        members.put("name", string(resource.name()));
        members.put("version", new JsonValue.JsonNumber(Integer.toString(resource.version())));
        members.put("idPrefix", string(resource.idPrefix()));
        members.put("fields", array(resource.fieldsIdFirst(), SchemaJson::field));
        members.put("relations", array(resource.relations(), SchemaJson::relation));
        members.put("indexes", array(resource.indexes(), SchemaJson::index));
        return object(members);
    }

    private static JsonValue field(FieldModel field) {
        FieldConstraints c = field.constraints();
        Map<String, JsonValue> members = new LinkedHashMap<>();
        members.put("name", string(field.name()));
        members.put("type", string(field.type().wireName()));
        if (field.type() instanceof FieldType.EnumType enumType) {
            members.put("values", array(enumType.constants(), SchemaJson::string));
        }
        if (field.role() == FieldRole.CREATED_AT) {
            members.put("role", string("createdAt"));
        } else if (field.role() == FieldRole.UPDATED_AT) {
            members.put("role", string("updatedAt"));
        }
        flag(members, "required", c.required());
        flag(members, "unique", c.unique());
        if (c.defaultValue() != null) {
            members.put("default", parse(c.defaultValue()));
        }
        if (c.maxLength() != null) {
            members.put("maxLength", new JsonValue.JsonNumber(Integer.toString(c.maxLength())));
        }
        if (c.min() != null) {
            members.put("min", JsonValue.JsonNumber.of(c.min()));
        }
        if (c.max() != null) {
            members.put("max", JsonValue.JsonNumber.of(c.max()));
        }
        if (c.pattern() != null) {
            members.put("pattern", string(c.pattern()));
        }
        flag(members, "searchable", c.searchable());
        flag(members, "readOnly", c.readOnly());
        return object(members);
    }

    private static JsonValue relation(RelationModel relation) {
        Map<String, JsonValue> members = new LinkedHashMap<>();
        members.put("name", string(relation.name()));
        members.put("to", string(relation.targetResource()));
        members.put("type", string(relation.kind().wireName()));
        members.put("field", string(relation.field()));
        if (relation.inverse() != null) {
            members.put("inverse", string(relation.inverse()));
        }
        return object(members);
    }

    private static JsonValue index(IndexModel index) {
        Map<String, JsonValue> members = new LinkedHashMap<>();
        members.put("name", string(index.name()));
        members.put("fields", array(index.fields(), SchemaJson::string));
        return object(members);
    }

    private static void flag(Map<String, JsonValue> members, String name, boolean set) {
        if (set) {
            members.put(name, new JsonValue.JsonBoolean(true));
        }
    }

    /** Defaults were parsed during validation; re-parsing lets them be pretty-printed like the rest. */
    private static JsonValue parse(String json) {
        try {
            return JsonReader.parse(json);
        } catch (JsonSyntaxException e) {
            throw new IllegalStateException("a validated default is not JSON: " + json, e);
        }
    }

    private static JsonValue string(String value) {
        return new JsonValue.JsonString(value);
    }

    private static JsonValue object(Map<String, JsonValue> members) {
        return new JsonValue.JsonObject(members);
    }

    private static <T> JsonValue array(List<T> items, Function<T, JsonValue> item) {
        return new JsonValue.JsonArray(items.stream().map(item).toList());
    }
}
