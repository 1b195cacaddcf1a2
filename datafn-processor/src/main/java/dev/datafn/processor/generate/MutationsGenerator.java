package dev.datafn.processor.generate;

import static dev.datafn.processor.generate.JavaTypes.STRING;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.WildcardTypeName;
import dev.datafn.processor.model.FieldModel;
import dev.datafn.processor.model.FieldRole;
import dev.datafn.processor.model.FieldType;
import dev.datafn.processor.model.RelationKind;
import dev.datafn.processor.model.ResourceModel;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Writes {@code <Record>Mutations}, the typed mutations of a resource: static factories only, each
 * forwarding to the runtime's {@code MutationFactory}, which the class holds with the resource's name,
 * version and server-owned fields. The builders they return live in the runtime.
 *
 * <p>Relation operations are generated only for a resource with relations, and those that carry link
 * metadata only for one with a many-many relation, so {@code ProjectMutations.modifyRelation} does not
 * exist rather than fail at run time.
 */
public final class MutationsGenerator extends ResourceSourceGenerator {

    /** The name of the factory constant, which the generated repository of the same package reads. */
    static final String FACTORY = "FACTORY";

    /** Creates the generator. */
    public MutationsGenerator() {
        super("Mutations");
    }

    @Override
    protected TypeSpec.Builder type(ResourceModel resource) {
        ClassName record = resource.recordType();
        ClassName fields = resource.companion("Fields");
        TypeSpec.Builder type = TypeSpec.classBuilder(className(resource))
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addJavadoc("Typed, immutable mutations on resource {@code $L}, whose records are {@link $T}. Values "
                        + "are typed by\n{@link $T}; {@code toWire()} gives the JSON of {@code POST /datafn/mutation}, "
                        + "and a repository\nor a {@code Scope} applies them:\n\n<pre>{@code\n$T.merge(id)\n"
                        + "        .set($T.$L, ...)\n        .idempotent(clientId, mutationId)\n}</pre>\n",
                        resource.name(), record, fields, className(resource), fields, firstSettable(resource))
                .addField(FieldSpec.builder(ParameterizedTypeName.get(RuntimeTypes.MUTATION_FACTORY, record), FACTORY,
                                Modifier.STATIC, Modifier.FINAL)
                        .addJavadoc("The resource's name, version and server-owned fields, which every mutation "
                                + "is built from.\n")
                        .initializer("new $T<>($S, $L, $L)", RuntimeTypes.MUTATION_FACTORY, resource.name(),
                                resource.version(), serverOwned(resource))
                        .build())
                .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
        type.addMethod(factory("insert", ParameterizedTypeName.get(RuntimeTypes.INSERT_MUTATION, record),
                CodeBlock.of("@param record the record; a null id is generated, null fields take their default, and "
                        + "createdAt/updatedAt\n               are the server's\n@return the insert\n"),
                record, "record"));
        type.addMethod(factory("replace", ParameterizedTypeName.get(RuntimeTypes.REPLACE_MUTATION, record),
                CodeBlock.of("@param record the whole new record, with the id of the stored one; null fields take "
                        + "their default\n@return the replace\n@throws IllegalArgumentException when the record has "
                        + "no id\n"),
                record, "record"));
        type.addMethod(factory("upsert", ParameterizedTypeName.get(RuntimeTypes.REPLACE_MUTATION, record),
                CodeBlock.of("@param record the whole record, with its id: it replaces the stored one, or is "
                        + "inserted\n@return the upsert\n@throws IllegalArgumentException when the record has no "
                        + "id\n"),
                record, "record"));
        type.addMethod(factory("merge", ParameterizedTypeName.get(RuntimeTypes.MERGE_MUTATION, record),
                CodeBlock.of("@param id the record id\n@return a merge to add changes to with {@code set} and "
                        + "{@code clear}\n"),
                STRING, "id"));
        type.addMethod(factory("delete", ParameterizedTypeName.get(RuntimeTypes.DELETE_MUTATION, record),
                CodeBlock.of("@param id the record id\n@return the delete\n"), STRING, "id"));
        if (!resource.relations().isEmpty()) {
            addRelationFactories(type, resource);
        }
        return type;
    }

    private static void addRelationFactories(TypeSpec.Builder type, ResourceModel resource) {
        ClassName record = resource.recordType();
        TypeName result = ParameterizedTypeName.get(RuntimeTypes.RELATION_MUTATION, record);
        TypeName relation = ParameterizedTypeName.get(RuntimeTypes.RELATION_HANDLE, record,
                WildcardTypeName.subtypeOf(Object.class));
        ClassName fields = resource.companion("Fields");
        boolean manyMany = resource.relations().stream().anyMatch(r -> r.kind() == RelationKind.MANY_MANY);
        type.addMethod(relationFactory("relate", result, relation, false,
                CodeBlock.of("Links the record to a target: adds a many-many link, or sets the id field of a many-one "
                        + "or one-many\nrelation.\n\n@param id the record id\n@param relation a relation of "
                        + "{@link $T}, from {@link $T}\n@param targetId the id of the record to link to\n"
                        + "@return the relate\n", record, fields)));
        if (manyMany) {
            type.addMethod(relationFactory("relate", result, relation, true,
                    CodeBlock.of("@param id the record id\n@param relation a many-many relation of {@link $T}\n"
                            + "@param targetId the id of the record to link to\n@param metadata the link's metadata, a "
                            + "JSON object\n@return the relate\n@throws IllegalArgumentException when the relation is "
                            + "not many-many\n", record)));
        }
        type.addMethod(relationFactory("unrelate", result, relation, false,
                CodeBlock.of("@param id the record id\n@param relation a relation of {@link $T}\n@param targetId the "
                        + "id of the linked record\n@return the unrelate\n", record)));
        if (manyMany) {
            type.addMethod(relationFactory("modifyRelation", result, relation, true,
                    CodeBlock.of("@param id the record id\n@param relation a many-many relation of {@link $T}\n"
                            + "@param targetId the id of the linked record\n@param metadata the link's new metadata, "
                            + "a JSON object\n@return the modifyRelation\n@throws IllegalArgumentException when the "
                            + "relation is not many-many\n", record)));
        }
    }

    private static MethodSpec factory(String name, TypeName returns, CodeBlock javadoc, TypeName parameter,
            String parameterName) {
        return MethodSpec.methodBuilder(name)
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(returns)
                .addJavadoc(javadoc)
                .addParameter(parameter, parameterName)
                .addStatement("return $L.$L($N)", FACTORY, name, parameterName)
                .build();
    }

    private static MethodSpec relationFactory(String name, TypeName returns, TypeName relation, boolean metadata,
            CodeBlock javadoc) {
        MethodSpec.Builder method = MethodSpec.methodBuilder(name)
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(returns)
                .addJavadoc(javadoc)
                .addParameter(STRING, "id")
                .addParameter(relation, "relation")
                .addParameter(STRING, "targetId");
        if (metadata) {
            method.addParameter(RuntimeTypes.OBJECT_NODE, "metadata");
            return method.addStatement("return $L.$L(id, relation, targetId, metadata)", FACTORY, name).build();
        }
        return method.addStatement("return $L.$L(id, relation, targetId)", FACTORY, name).build();
    }

    /** @return e.g. {@code List.of("createdAt", "updatedAt")} */
    private static CodeBlock serverOwned(ResourceModel resource) {
        List<String> names = resource.fields().stream()
                .filter(f -> f.role() == FieldRole.CREATED_AT || f.role() == FieldRole.UPDATED_AT)
                .map(FieldModel::name)
                .toList();
        CodeBlock.Builder list = CodeBlock.builder().add("$T.of(", JavaTypes.LIST);
        for (int i = 0; i < names.size(); i++) {
            list.add(i == 0 ? "$S" : ", $S", names.get(i));
        }
        return list.add(")").build();
    }

    /** The constant the Javadoc examples set: the first field a client writes. */
    static String firstSettable(ResourceModel resource) {
        return resource.fields().stream()
                .filter(f -> f.role() == FieldRole.DATA && !(f.type() instanceof FieldType.IdList))
                .map(FieldModel::constantName)
                .findFirst()
                .orElse("ID");
    }
}
