package dev.datafn.processor.generate;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.datafn.processor.model.ResourceModel;
import dev.datafn.processor.model.SchemaModel;
import java.util.List;
import java.util.function.Function;
import javax.lang.model.element.Modifier;

/**
 * Writes the compilation's schema class, e.g. {@code TodoSchema implements SchemaProvider}: every
 * resource as the runtime's {@code ResourceSchema}, built once, sorted by name. One private method per
 * resource keeps each method small however many resources there are.
 */
public final class SchemaProviderGenerator extends SourceFileGenerator<SchemaModel> {

    private final ClassName className;

    /** @param className the schema class to write */
    public SchemaProviderGenerator(ClassName className) {
        this.className = className;
    }

    @Override
    public ClassName className(SchemaModel schema) {
        return className;
    }

    @Override
    protected TypeSpec.Builder type(SchemaModel schema) {
        TypeName resourceList = ParameterizedTypeName.get(JavaTypes.LIST, RuntimeTypes.RESOURCE_SCHEMA);
        NameAllocator names = new NameAllocator();
        // The instance method resources() must not be shadowed by a resource named "resources".
        names.newName("resources", "resources()");
        TypeSpec.Builder type = TypeSpec.classBuilder(className)
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addSuperinterface(RuntimeTypes.SCHEMA_PROVIDER)
                .addJavadoc("The DataFn schema of this compilation: $L.\n",
                        String.join(", ", schema.resources().stream().map(ResourceModel::name).toList()));
        CodeBlock.Builder all = CodeBlock.builder();
        for (int i = 0; i < schema.resources().size(); i++) {
            ResourceModel resource = schema.resources().get(i);
            String method = names.newName(camelCase(resource.name()), resource);
            type.addMethod(resourceMethod(resource, method));
            all.add(i == 0 ? "$N()" : ", $N()", method);
        }
        type.addField(FieldSpec.builder(resourceList, "RESOURCES", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .initializer("$T.of($L)", JavaTypes.LIST, all.build())
                .build());
        type.addField(FieldSpec.builder(className, "INSTANCE", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("The schema, for {@code DataFn.builder().schema(...)}.\n")
                .initializer("new $T()", className)
                .build());
        type.addMethod(MethodSpec.constructorBuilder()
                .addModifiers(Modifier.PUBLIC)
                .addJavadoc("Creates the provider; public for {@link java.util.ServiceLoader}. Prefer {@link #INSTANCE}.\n")
                .build());
        type.addMethod(MethodSpec.methodBuilder("resources")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(resourceList)
                .addStatement("return RESOURCES")
                .build());
        return type;
    }

    private static MethodSpec resourceMethod(ResourceModel resource, String name) {
        return MethodSpec.methodBuilder(name)
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .returns(RuntimeTypes.RESOURCE_SCHEMA)
                .addJavadoc("@return resource {@code $L}, from {@link $T}\n", resource.name(), resource.recordType())
                .addStatement("return new $T($S, $L, $S,\n$L,\n$L,\n$L,\n$T.class, $T.class,\n$L)",
                        RuntimeTypes.RESOURCE_SCHEMA, resource.name(), resource.version(), resource.idPrefix(),
                        listOf(resource.fieldsIdFirst(), SchemaCode::field),
                        listOf(resource.relations(), relation -> SchemaCode.relation(resource, relation)),
                        listOf(resource.indexes(), SchemaCode::index),
                        resource.recordType(), resource.companion("Entity"), SchemaCode.policy(resource))
                .build();
    }

    private static <T> CodeBlock listOf(List<T> items, Function<T, CodeBlock> code) {
        if (items.isEmpty()) {
            return CodeBlock.of("$T.of()", JavaTypes.LIST);
        }
        CodeBlock.Builder list = CodeBlock.builder().add("$T.of(\n$>", JavaTypes.LIST);
        for (int i = 0; i < items.size(); i++) {
            list.add(i == 0 ? "$L" : ",\n$L", code.apply(items.get(i)));
        }
        return list.add(")$<").build();
    }

    /** {@code todo_items} gives {@code todoItems}. */
    private static String camelCase(String resourceName) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : resourceName.toCharArray()) {
            if (c == '_') {
                upper = out.length() > 0;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.isEmpty() ? "resource" : out.toString();
    }

    @Override
    protected List<ResourceModel> sources(SchemaModel schema) {
        return schema.resources();
    }
}
