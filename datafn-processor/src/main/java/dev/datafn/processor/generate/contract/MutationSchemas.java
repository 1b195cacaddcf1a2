package dev.datafn.processor.generate.contract;

import dev.datafn.processor.json.JsonValue;
import dev.datafn.processor.model.RelationModel;
import dev.datafn.processor.model.ResourceModel;
import java.util.ArrayList;
import java.util.List;

/**
 * A resource's mutations as JSON Schema: one shape per operation (README "Mutations"), told apart by
 * {@code operation}, each with the members that operation needs.
 */
public final class MutationSchemas {

    private MutationSchemas() {
    }

    /** @param resource a resource @return its mutation schema's component name, e.g. {@code TodoMutation} */
    public static String mutationName(ResourceModel resource) {
        return resource.simpleName() + "Mutation";
    }

    /** @param resource a resource @return its whole written record's component name, e.g. {@code TodoWrite} */
    public static String writeName(ResourceModel resource) {
        return resource.simpleName() + "Write";
    }

    /** @param resource a resource @return its partial written record's component name, e.g. {@code TodoPatch} */
    public static String patchName(ResourceModel resource) {
        return resource.simpleName() + "Patch";
    }

    /**
     * @param resource a resource
     * @return {@code oneOf} the operations a mutation of it may carry
     */
    public static JsonValue.JsonObject mutation(ResourceModel resource) {
        JsonValue whole = Json.ref(writeName(resource));
        JsonValue patch = Json.ref(patchName(resource));
        List<JsonValue> operations = new ArrayList<>();
        operations.add(operation(resource, "insert", List.of("record"), whole, false));
        operations.add(operation(resource, "merge", List.of("id", "record"), patch, false));
        operations.add(operation(resource, "replace", List.of("id", "record"), whole, false));
        operations.add(operation(resource, "upsert", List.of("record"), whole, false));
        operations.add(operation(resource, "delete", List.of("id"), null, false));
        if (!resource.relations().isEmpty()) {
            operations.add(operation(resource, "relate", List.of("id", "relation", "targetId"), null, true));
            operations.add(operation(resource, "unrelate", List.of("id", "relation", "targetId"), null, true));
            operations.add(operation(resource, "modifyRelation", List.of("id", "relation", "targetId", "metadata"),
                    null, true));
        }
        return Json.object().put("oneOf", Json.array(operations)).build();
    }

    private static JsonValue operation(ResourceModel resource, String name, List<String> needs, JsonValue record,
            boolean relation) {
        JsonValue id = Json.object().put("type", "string").put("pattern", FieldSchemas.ID_PATTERN).build();
        JsonValue text = Json.object().put("type", "string").build();
        Json.ObjectBuilder p = Json.object()
                .put("resource", Json.object().put("const", resource.name()).build())
                .put("version", Json.object().put("const", Json.num(resource.version())).build())
                .put("operation", Json.object().put("const", name).build())
                .put("clientId", text)
                .put("mutationId", text)
                .put("id", id);
        if (record != null) {
            p.put("record", record);
        }
        p.put("if", Json.ref(QuerySchemas.filterName(resource)));
        if (relation) {
            p.put("relation", Json.object().put("type", "string").put("enum", Json.strings(
                    resource.relations().stream().map(RelationModel::name).toList())).build());
            p.put("targetId", id);
            p.put("metadata", Json.object().put("type", "object").build());
        }
        List<String> required = new ArrayList<>(List.of("resource", "version", "operation"));
        required.addAll(needs);
        return Json.object().put("type", "object").put("required", Json.strings(required))
                .put("properties", p.build()).put("additionalProperties", Json.bool(false)).build();
    }
}
