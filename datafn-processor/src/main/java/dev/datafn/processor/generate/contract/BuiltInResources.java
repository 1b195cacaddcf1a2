package dev.datafn.processor.generate.contract;

import com.palantir.javapoet.ClassName;
import dev.datafn.processor.model.FieldConstraints;
import dev.datafn.processor.model.FieldModel;
import dev.datafn.processor.model.FieldRole;
import dev.datafn.processor.model.FieldType;
import dev.datafn.processor.model.PolicyModel;
import dev.datafn.processor.model.ResourceModel;
import dev.datafn.processor.model.ScalarKind;
import dev.datafn.processor.model.SchemaModel;
import java.util.ArrayList;
import java.util.List;

/**
 * The resources the runtime adds to every schema (today the key-value resource {@code kv}), as the model
 * describes resources, so the contracts describe them like the application's own: they are served by the same
 * endpoints. The processor does not depend on the runtime: a test holds this copy against
 * {@code dev.datafn.schema.BuiltInResources}.
 */
public final class BuiltInResources {

    /** The key-value resource: each record's id is its key, its {@code value} any JSON value but null. */
    public static final ResourceModel KV = new ResourceModel("kv", 1, "kv",
            ClassName.get("dev.datafn.kv", "KvEntry"), null,
            List.of(
                    new FieldModel("id", new FieldType.Scalar(ScalarKind.STRING), FieldRole.ID, FieldConstraints.ID,
                            null),
                    new FieldModel("value", new FieldType.Scalar(ScalarKind.JSON), FieldRole.DATA,
                            new FieldConstraints(true, false, null, false, null, null, null, null, false, false, null,
                                    null, "DEFAULT"),
                            null)),
            List.of(), List.of(), new PolicyModel("anyone", "anyone"));

    /** Every built-in resource. */
    public static final List<ResourceModel> ALL = List.of(KV);

    private BuiltInResources() {
    }

    /** @param schema the application's schema @return it with the built-in resources, as the server serves it */
    public static SchemaModel servedWith(SchemaModel schema) {
        List<ResourceModel> all = new ArrayList<>(schema.resources());
        all.addAll(ALL);
        return new SchemaModel(all);
    }

    /** @param resource a resource @return whether the runtime adds it rather than the application */
    public static boolean isBuiltIn(ResourceModel resource) {
        return ALL.stream().anyMatch(builtIn -> builtIn.name().equals(resource.name()));
    }
}
