package dev.datafn.processor.generate;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.datafn.processor.model.FieldModel;
import dev.datafn.processor.model.FieldType;
import dev.datafn.processor.model.RelationKind;
import dev.datafn.processor.model.RelationModel;
import dev.datafn.processor.model.ResourceModel;
import javax.lang.model.element.Modifier;

/**
 * Writes {@code <Record>Fields}: one typed handle per stored field ({@code TITLE: StringField<Todo>}) and
 * one per relation ({@code PROJECT: RelationHandle<Todo, Project>}). A many-many id list is reached
 * through its relation handle only.
 */
public final class FieldsGenerator extends ResourceSourceGenerator {

    /** Creates the generator. */
    public FieldsGenerator() {
        super("Fields");
    }

    @Override
    protected TypeSpec.Builder type(ResourceModel resource) {
        ClassName record = resource.recordType();
        TypeSpec.Builder type = TypeSpec.classBuilder(className(resource))
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addJavadoc("Typed handles on the fields and relations of {@link $T}, resource {@code $L}.\n",
                        record, resource.name());
        for (FieldModel field : resource.fields()) {
            if (!(field.type() instanceof FieldType.IdList)) {
                type.addField(handle(record, field));
            }
        }
        for (RelationModel relation : resource.relations()) {
            type.addField(FieldSpec.builder(
                            ParameterizedTypeName.get(RuntimeTypes.RELATION_HANDLE, record, relation.target()),
                            relation.constantName(), Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                    .addJavadoc("Relation {@link $T#$L}.\n", record, relation.element().getSimpleName())
                    .initializer("new $T<>($S, $T.$L, $T.class, $L)", RuntimeTypes.RELATION_HANDLE, relation.name(),
                            RuntimeTypes.RELATION_KIND, relation.kind().name(), relation.target(), idField(relation))
                    .build());
        }
        return type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
    }

    /** The declaring resource's field holding the target ids; a one-many relation's ids live on the target. */
    private static CodeBlock idField(RelationModel relation) {
        return relation.kind() == RelationKind.ONE_MANY ? CodeBlock.of("null") : CodeBlock.of("$S", relation.field());
    }

    private static FieldSpec handle(ClassName record, FieldModel field) {
        TypeName valueType = JavaTypes.valueType(field.type());
        ClassName handle;
        boolean typed;
        switch (field.type()) {
            case FieldType.EnumType ignored -> {
                handle = RuntimeTypes.ENUM_FIELD;
                typed = true;
            }
            case FieldType.Scalar scalar -> {
                handle = switch (scalar.kind()) {
                    case STRING -> RuntimeTypes.STRING_FIELD;
                    case BOOLEAN -> RuntimeTypes.BOOLEAN_FIELD;
                    case INTEGER, LONG, NUMBER, DECIMAL -> RuntimeTypes.NUMBER_FIELD;
                    case DATETIME -> RuntimeTypes.DATE_TIME_FIELD;
                    case DATE -> RuntimeTypes.DATE_FIELD;
                    case JSON -> RuntimeTypes.JSON_FIELD;
                };
                typed = scalar.kind().isNumeric();
            }
            case FieldType.IdList ignored -> throw new IllegalArgumentException("an id list has no field handle");
        }
        TypeName fieldType = typed
                ? ParameterizedTypeName.get(handle, record, valueType)
                : ParameterizedTypeName.get(handle, record);
        CodeBlock initializer = typed
                ? CodeBlock.of("new $T<>($S, $T.class)", handle, field.name(), valueType)
                : CodeBlock.of("new $T<>($S)", handle, field.name());
        return FieldSpec.builder(fieldType, field.constantName(), Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("Field {@link $T#$L}.\n", record, field.name())
                .initializer(initializer)
                .build();
    }
}
