package dev.datafn.processor.generate.contract;

import dev.datafn.processor.json.JsonValue;
import dev.datafn.processor.model.FieldModel;
import dev.datafn.processor.model.RelationModel;
import dev.datafn.processor.model.ResourceModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A resource's DFQL query as JSON Schema: its field names in {@code select}, {@code omit}, {@code sort},
 * {@code groupBy} and the filters, each field with the operators its type takes (seed 003).
 */
public final class QuerySchemas {

    private QuerySchemas() {
    }

    /** @param resource a resource @return its filter schema's component name, e.g. {@code TodoFilter} */
    public static String filterName(ResourceModel resource) {
        return resource.simpleName() + "Filter";
    }

    /** @param resource a resource @return its query schema's component name, e.g. {@code TodoQuery} */
    public static String queryName(ResourceModel resource) {
        return resource.simpleName() + "Query";
    }

    /**
     * @param resource a resource
     * @return the schema of its filter object: a member per field (a bare value, or its operators), relation
     *     paths ({@code "project.name"}), and the groups {@code $and}, {@code $or}, {@code $not}
     */
    public static JsonValue.JsonObject filter(ResourceModel resource) {
        JsonValue self = Json.ref(filterName(resource));
        Json.ObjectBuilder properties = Json.object();
        for (FieldModel field : resource.fieldsIdFirst()) {
            JsonValue operators = operators(field);
            properties.put(field.name(), FilterOperators.takesBareValue(field)
                    ? Json.object().put("anyOf", Json.array(List.of(FieldSchemas.valueType(field), operators)))
                            .build()
                    : operators);
        }
        JsonValue group = Json.object().put("type", "array").put("items", self).build();
        properties.put("$and", group).put("$or", group).put("$not", self);
        Json.ObjectBuilder schema = Json.object().put("type", "object").put("properties", properties.build());
        if (!resource.relations().isEmpty()) {
            // A path through a relation is checked against the related resource by the server.
            schema.put("patternProperties", Json.object().put(relationPathPattern(resource),
                    Json.object().build()).build());
        }
        return schema.put("additionalProperties", Json.bool(false)).build();
    }

    /**
     * @param resource a resource
     * @return the schema of a query of it
     */
    public static JsonValue.JsonObject query(ResourceModel resource) {
        List<String> fields = resource.fieldsIdFirst().stream().map(FieldModel::name).toList();
        JsonValue fieldName = Json.object().put("type", "string").put("enum", Json.strings(fields)).build();
        List<JsonValue> selectTokens = new ArrayList<>();
        List<String> star = new ArrayList<>(fields);
        star.add("*");
        selectTokens.add(Json.object().put("type", "string").put("enum", Json.strings(star)).build());
        if (!resource.relations().isEmpty()) {
            selectTokens.add(Json.object().put("type", "string").put("pattern", relationPathPattern(resource)).build());
        }
        Json.ObjectBuilder p = Json.object()
                .put("resource", Json.object().put("const", resource.name()).build())
                .put("version", Json.object().put("const", Json.num(resource.version())).build())
                .put("select", arrayOf(selectTokens.size() == 1 ? selectTokens.get(0)
                        : Json.object().put("anyOf", Json.array(selectTokens)).build()))
                .put("omit", arrayOf(fieldName))
                .put("filters", Json.ref(filterName(resource)))
                .put("sort", arrayOf(Json.object().put("type", "string")
                        .put("pattern", sortPattern("[A-Za-z_$][A-Za-z0-9_$]*")).build()))
                .put("limit", Json.object().put("type", "integer").put("minimum", Json.num(0)).build())
                .put("offset", Json.object().put("type", "integer").put("minimum", Json.num(0)).build())
                .put("cursor", Json.object().put("type", "string").build())
                .put("count", Json.object().put("type", "boolean").build());
        List<String> searchable = resource.fieldsIdFirst().stream().filter(f -> f.constraints().searchable())
                .map(FieldModel::name).toList();
        if (!searchable.isEmpty()) {
            p.put("search", search(searchable));
        }
        p.put("groupBy", arrayOf(fieldName))
                .put("aggregations", Json.object().put("type", "object").put("additionalProperties",
                        aggregation(fieldName)).build())
                .put("having", Json.object().put("type", "object").build());
        // Sort terms name fields, or, in a grouped query, the aggregations' aliases too.
        JsonValue sortByFields = Json.object().put("properties", Json.object().put("sort", arrayOf(Json.object()
                .put("pattern", sortPattern(String.join("|", fields))).build())).build()).build();
        return Json.object().put("type", "object").put("required", Json.strings(List.of("resource", "version")))
                .put("properties", p.build()).put("additionalProperties", Json.bool(false))
                .put("if", Json.object().put("required", Json.strings(List.of("aggregations"))).build())
                .put("then", Json.object().build())
                .put("else", sortByFields).build();
    }

    private static String sortPattern(String names) {
        return "^(" + names + ")(:(asc|desc))?$";
    }

    private static JsonValue operators(FieldModel field) {
        Json.ObjectBuilder properties = Json.object();
        for (Map.Entry<String, JsonValue> op : FilterOperators.of(field).entrySet()) {
            properties.put(op.getKey(), op.getValue());
        }
        for (Map.Entry<String, JsonValue> op : FilterOperators.of(field).entrySet()) {
            properties.put("$" + op.getKey(), op.getValue());
        }
        return Json.object().put("type", "object").put("properties", properties.build())
                .put("minProperties", Json.num(1)).put("additionalProperties", Json.bool(false)).build();
    }

    private static JsonValue search(List<String> searchable) {
        return Json.object().put("type", "object").put("required", Json.strings(List.of("query")))
                .put("properties", Json.object()
                        .put("query", Json.object().put("type", "string").put("maxLength", Json.num(1000)).build())
                        .put("fields", arrayOf(Json.object().put("type", "string")
                                .put("enum", Json.strings(searchable)).build()))
                        .put("prefix", Json.object().put("type", "boolean").build())
                        .put("fuzzy", Json.object().put("type", Json.strings(List.of("number", "boolean"))).build())
                        .put("fieldBoosts", Json.object().put("type", "object").put("additionalProperties",
                                Json.object().put("type", "number").build()).build())
                        .build())
                .put("additionalProperties", Json.bool(false)).build();
    }

    private static JsonValue aggregation(JsonValue fieldName) {
        return Json.object().put("type", "object").put("required", Json.strings(List.of("fn")))
                .put("properties", Json.object()
                        .put("fn", Json.object().put("type", "string").put("enum", Json.strings(List.of(
                                "count", "countDistinct", "sum", "avg", "min", "max"))).build())
                        .put("field", fieldName).build())
                .put("additionalProperties", Json.bool(false)).build();
    }

    private static JsonValue arrayOf(JsonValue items) {
        return Json.object().put("type", "array").put("items", items).build();
    }

    /** The relation names followed by a dot and more: {@code project.name}, {@code tags.*}. */
    private static String relationPathPattern(ResourceModel resource) {
        return "^(" + String.join("|", resource.relations().stream().map(RelationModel::name).toList()) + ")\\..+$";
    }
}
