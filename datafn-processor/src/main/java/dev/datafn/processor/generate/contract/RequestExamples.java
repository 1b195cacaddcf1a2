package dev.datafn.processor.generate.contract;

import dev.datafn.processor.json.JsonValue;
import dev.datafn.processor.model.FieldConstraints;
import dev.datafn.processor.model.FieldModel;
import dev.datafn.processor.model.FieldRole;
import dev.datafn.processor.model.FieldType;
import dev.datafn.processor.model.ResourceModel;
import dev.datafn.processor.model.SchemaModel;
import java.util.List;

/**
 * Example requests built from the model alone, valid against the documented schemas and meant to succeed
 * when sent in document order to an empty namespace: each write uses values of its own ({@code variant}),
 * so unique fields and idempotency keys never collide, and the REST examples of one resource share the id
 * their {@code POST} creates.
 */
public final class RequestExamples {

    /** Write rules every signed-in caller passes. */
    private static final java.util.Set<String> OPEN_RULES = java.util.Set.of("anyone", "authenticated");

    private RequestExamples() {
    }

    /**
     * @param resource a resource
     * @return the id the REST examples create, read, change and delete, e.g. {@code td_example}
     */
    public static String exampleId(ResourceModel resource) {
        return resource.idPrefix() + "_example";
    }

    /**
     * A record with a value for every optional or required field a client owns, except relation ids (their
     * targets need not exist) and fields with a pattern (no generic value is sure to match it).
     *
     * @param resource the resource
     * @param variant  a number that makes the strings of this example its own
     * @param id       the id to set, or {@code null} for none
     * @return the record
     */
    public static JsonValue.JsonObject record(ResourceModel resource, int variant, String id) {
        Json.ObjectBuilder record = Json.object();
        if (id != null) {
            record.put(resource.idField().map(FieldModel::name).orElse("id"), id);
        }
        for (FieldModel field : RecordSchemas.writable(resource)) {
            if (field.role() != FieldRole.ID && !isRelationField(resource, field)) {
                JsonValue value = sample(field, variant);
                if (value != null) {
                    record.put(field.name(), value);
                }
            }
        }
        return record.build();
    }

    /**
     * @param resource a resource
     * @return a query selecting its first page in id order, with a count
     */
    public static JsonValue query(ResourceModel resource) {
        return Json.object().put("resource", resource.name()).put("version", Json.num(resource.version()))
                .put("sort", Json.strings(List.of(resource.idField().map(FieldModel::name).orElse("id") + ":asc")))
                .put("limit", Json.num(10)).put("count", Json.bool(true)).build();
    }

    /**
     * @param resource a resource
     * @param variant  a number that makes the record and the mutation id this example's own
     * @return an idempotent insert
     */
    public static JsonValue insert(ResourceModel resource, int variant) {
        return Json.object().put("resource", resource.name()).put("version", Json.num(resource.version()))
                .put("operation", "insert").put("clientId", "example-client")
                .put("mutationId", "example-" + resource.name() + "-" + variant)
                .put("record", record(resource, variant, null)).build();
    }

    private static boolean isRelationField(ResourceModel resource, FieldModel field) {
        return resource.relations().stream().anyMatch(r -> field.name().equals(r.field()))
                || field.type() instanceof FieldType.IdList;
    }

    private static JsonValue sample(FieldModel field, int variant) {
        FieldConstraints c = field.constraints();
        return switch (field.type()) {
            case FieldType.EnumType enumType -> Json.str(enumType.constants().get(0));
            case FieldType.IdList ignored -> null;
            case FieldType.Scalar scalar -> switch (scalar.kind()) {
                case STRING -> c.pattern() != null ? null : Json.str(text(field.name() + " " + variant, c));
                case BOOLEAN -> Json.bool(true);
                case INTEGER, LONG -> Json.num((long) Math.ceil(within(1, c)));
                case NUMBER, DECIMAL -> Json.num(within(1.5, c));
                case DATETIME -> Json.str("2026-01-15T10:30:00Z");
                case DATE -> Json.str("2026-01-15");
                case JSON -> Json.object().put("example", Json.bool(true)).build();
            };
        };
    }

    private static String text(String wanted, FieldConstraints c) {
        int max = c.maxLength() == null ? wanted.length() : c.maxLength();
        // Keep the variant (the end) when the value must be shortened, so values stay distinct.
        return wanted.length() <= max ? wanted : wanted.substring(wanted.length() - max);
    }

    private static double within(double wanted, FieldConstraints c) {
        double value = wanted;
        if (c.max() != null && value > c.max()) {
            value = c.max();
        }
        if (c.min() != null && value < c.min()) {
            value = c.min();
        }
        return value;
    }

    /**
     * @param schema a schema
     * @return the resource the protocol's examples use: the application's first by name that every signed-in
     *     caller may write (its policy's write rule {@code anyone} or {@code authenticated}), else its first
     */
    public static ResourceModel first(SchemaModel schema) {
        List<ResourceModel> own = schema.resources().stream().filter(r -> !BuiltInResources.isBuiltIn(r)).toList();
        return own.stream().filter(r -> r.policy() != null && OPEN_RULES.contains(r.policy().write()))
                .findFirst().orElse(own.get(0));
    }
}
