package dev.datafn.schema;

import dev.datafn.kv.KvEntity;
import dev.datafn.kv.KvEntry;
import java.util.List;

/**
 * The resources the runtime adds to every schema after validating the application's own (seed 000:
 * "Built-in KV resources are automatically added to the schema after validation").
 */
public final class BuiltInResources {

    /** The name of the built-in key-value resource. */
    public static final String KV = "kv";

    /** The key-value resource's one data field: any JSON value but {@code null}. */
    public static final String KV_VALUE = "value";

    /**
     * The key-value resource: each record's id is its key, its field {@code value} any JSON value. Every
     * caller may read and write it (namespaces still keep callers apart); {@code DataFn.builder().policy("kv",
     * ...)} replaces that.
     */
    public static final ResourceSchema KV_RESOURCE = new ResourceSchema(KV, 1, KV,
            List.of(
                    FieldSchema.builder("id", FieldType.STRING).role(FieldRole.ID).required().unique().build(),
                    FieldSchema.builder(KV_VALUE, FieldType.JSON).column("value_json").required().build()),
            List.of(),
            List.of(),
            KvEntry.class, KvEntity.class,
            ResourcePolicy.of("anyone", "anyone"));

    /** Every built-in resource. */
    public static final List<ResourceSchema> ALL = List.of(KV_RESOURCE);

    /**
     * Tells a built-in resource from an application's: the same name and the same table class. A built-in
     * resource may come back with another policy (a schema's resources passed through {@code withPolicy}),
     * and is still the built-in one.
     *
     * @param resource a resource
     * @return whether it is one of {@link #ALL}, whatever its policy
     */
    public static boolean isBuiltIn(ResourceSchema resource) {
        return ALL.stream().anyMatch(b -> b.name().equals(resource.name())
                && b.entityClass().equals(resource.entityClass()));
    }

    private BuiltInResources() {
    }
}
