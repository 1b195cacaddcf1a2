package dev.datafn.processor.generate.contract;

import dev.datafn.processor.json.JsonValue;
import dev.datafn.processor.model.FieldModel;
import dev.datafn.processor.model.FieldType;
import dev.datafn.processor.model.ScalarKind;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The DFQL operators a field takes and the operand of each, as the runtime's filter validation accepts
 * them: equality and lists for every field but JSON and id lists, order for strings, numbers and dates,
 * patterns for strings, {@code contains} for strings and id lists, null tests for all.
 */
public final class FilterOperators {

    private FilterOperators() {
    }

    /**
     * @param field a field
     * @return its operators by wire name (without the {@code $} spelling), each with its operand's schema
     */
    public static Map<String, JsonValue> of(FieldModel field) {
        Map<String, JsonValue> ops = new LinkedHashMap<>();
        JsonValue value = FieldSchemas.valueType(field);
        FieldType type = field.type();
        boolean comparable = !type.is(ScalarKind.JSON) && !(type instanceof FieldType.IdList);
        if (comparable) {
            ops.put("eq", value);
            ops.put("ne", value);
        }
        if (ordered(type)) {
            for (String op : new String[] {"gt", "gte", "lt", "lte"}) {
                ops.put(op, value);
            }
            ops.put("between", Json.object().put("type", "array").put("prefixItems", Json.array(java.util.List.of(
                    value, value))).put("minItems", Json.num(2)).put("maxItems", Json.num(2)).build());
        }
        if (comparable) {
            JsonValue list = Json.object().put("type", "array").put("items", value).build();
            ops.put("in", list);
            ops.put("nin", list);
        }
        JsonValue text = Json.object().put("type", "string").build();
        if (type.is(ScalarKind.STRING)) {
            for (String op : new String[] {"like", "ilike", "startswith", "endswith", "istartswith", "iendswith"}) {
                ops.put(op, text);
            }
        }
        if (type.is(ScalarKind.STRING) || type instanceof FieldType.IdList) {
            ops.put("contains", text);
        }
        JsonValue flag = Json.object().put("type", "boolean").build();
        ops.put("is_null", flag);
        ops.put("is_not_null", flag);
        return ops;
    }

    /** @param type a field type @return whether {@code gt}, {@code lt} and {@code between} apply */
    public static boolean ordered(FieldType type) {
        return type instanceof FieldType.Scalar scalar && switch (scalar.kind()) {
            case STRING, INTEGER, LONG, NUMBER, DECIMAL, DATE, DATETIME -> true;
            case BOOLEAN, JSON -> false;
        };
    }

    /** @param field a field @return whether a bare value filters it ({@code "f": v}, an implicit {@code eq}) */
    public static boolean takesBareValue(FieldModel field) {
        return !field.type().is(ScalarKind.JSON) && !(field.type() instanceof FieldType.IdList);
    }
}
