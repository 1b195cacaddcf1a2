package dev.datafn.processor.generate;

import static dev.datafn.processor.generate.JavaTypes.STRING;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.WildcardTypeName;
import dev.datafn.processor.model.ResourceModel;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Writes {@code <Record>Repository}, the typed in-process API of a resource over a {@code Scope}: a
 * namespace, or one transaction ({@code TodoRepository.in(tx)}). It only forwards to the runtime's
 * {@code RepositorySupport}, where the behaviour lives and is tested once; its writes are the
 * {@code <Record>Mutations} of the same resource.
 */
public final class RepositoryGenerator extends ResourceSourceGenerator {

    /** The namespace a repository works in when none is given. */
    public static final String DEFAULT_NAMESPACE = "datafn";

    private static final ClassName OPTIONAL = ClassName.get("java.util", "Optional");
    private static final ClassName OBJECTS = ClassName.get("java.util", "Objects");
    private static final ClassName UNARY_OPERATOR = ClassName.get("java.util.function", "UnaryOperator");

    /** Creates the generator. */
    public RepositoryGenerator() {
        super("Repository");
    }

    @Override
    protected TypeSpec.Builder type(ResourceModel resource) {
        ClassName record = resource.recordType();
        ClassName self = className(resource);
        TypeName support = ParameterizedTypeName.get(RuntimeTypes.REPOSITORY_SUPPORT, record);
        ClassName query = resource.companion("Query");
        ClassName mutations = resource.companion("Mutations");
        TypeName relation = ParameterizedTypeName.get(RuntimeTypes.RELATION_HANDLE, record,
                WildcardTypeName.subtypeOf(Object.class));
        TypeSpec.Builder type = TypeSpec.classBuilder(self)
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addJavadoc("Reads and writes {@link $T} records of resource {@code $L} in one namespace, each call in "
                        + "its own\ntransaction, or all in one: {@code $T.in(tx)} inside {@code DataFn.transact}.\n",
                        record, resource.name(), self)
                .addField(support, "support", Modifier.PRIVATE, Modifier.FINAL)
                .addMethod(MethodSpec.constructorBuilder()
                        .addModifiers(Modifier.PUBLIC)
                        .addJavadoc("Works in namespace {@code $L}.\n\n@param datafn the engine\n", DEFAULT_NAMESPACE)
                        .addParameter(RuntimeTypes.DATA_FN, "datafn")
                        .addStatement("this(datafn.in($T.DEFAULT, null))", RuntimeTypes.NAMESPACE)
                        .build())
                .addMethod(MethodSpec.constructorBuilder()
                        .addModifiers(Modifier.PUBLIC)
                        .addJavadoc("@param datafn the engine\n@param namespace the namespace every call works in, "
                                + "each in its own transaction\n")
                        .addParameter(RuntimeTypes.DATA_FN, "datafn")
                        .addParameter(RuntimeTypes.NAMESPACE, "namespace")
                        .addStatement("this(datafn.in(namespace, null))")
                        .build())
                .addMethod(MethodSpec.constructorBuilder()
                        .addModifiers(Modifier.PRIVATE)
                        .addParameter(RuntimeTypes.SCOPE, "scope")
                        .addStatement("this.support = new $T<>(scope, $T.$L, $T.class)", RuntimeTypes.REPOSITORY_SUPPORT,
                                mutations, MutationsGenerator.FACTORY, record)
                        .build())
                .addMethod(MethodSpec.methodBuilder("in")
                        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                        .returns(self)
                        .addJavadoc("@param scope where every call runs: a namespace ({@code datafn.in(namespace, actorId)}) "
                                + "or a\n             transaction ({@code datafn.transact(..., tx -> ...)})\n"
                                + "@return a repository over the scope\n")
                        .addParameter(RuntimeTypes.SCOPE, "scope")
                        .addStatement("return new $T($T.requireNonNull(scope, $S))", self, OBJECTS, "scope")
                        .build())
                .addMethod(forward("get", ParameterizedTypeName.get(OPTIONAL, record),
                        "@param id a record id\n@return the record, if it exists in this namespace\n",
                        List.of(STRING), List.of("id")))
                .addMethod(forward("insert", record,
                        "@param record the record to insert; a null id is generated, null fields take their "
                                + "default\n@return the stored record\n",
                        List.of(record), List.of("record")))
                .addMethod(forward("replace", record,
                        "@param record the whole new record, with the id of the stored one; null fields take their "
                                + "default\n@return the stored record\n",
                        List.of(record), List.of("record")))
                .addMethod(forward("upsert", record,
                        "@param record the whole record, with its id: it replaces the stored one, or is inserted\n"
                                + "@return the stored record\n",
                        List.of(record), List.of("record")))
                .addMethod(forward("merge", record,
                        "Merges typed changes into one record, e.g.\n"
                                + "{@code merge(id, m -> m.set($T.$L, ...).clear(...))}; fields not changed keep their "
                                + "value.\n\n@param id the record id\n@param changes adds the changes to the merge "
                                + "it is given, with {@code set} and {@code clear}\n@return the stored record after "
                                + "the merge\n",
                        List.of(STRING, ParameterizedTypeName.get(UNARY_OPERATOR,
                                ParameterizedTypeName.get(RuntimeTypes.MERGE_MUTATION, record))),
                        List.of("id", "changes"), resource.companion("Fields"), MutationsGenerator.firstSettable(resource)))
                .addMethod(forward("delete", TypeName.BOOLEAN,
                        "@param id the record id\n@return whether a record was deleted\n",
                        List.of(STRING), List.of("id")));
        if (!resource.relations().isEmpty()) {
            type.addMethod(forward("relate", record,
                            "@param id the record id\n@param relation a relation of {@link $T}, from {@link $T}\n"
                                    + "@param targetId the id of the record to link to\n@return the record after the "
                                    + "link was added\n",
                            List.of(STRING, relation, STRING), List.of("id", "relation", "targetId"), record,
                            resource.companion("Fields")))
                    .addMethod(forward("unrelate", record,
                            "@param id the record id\n@param relation a relation of {@link $T}\n@param targetId the "
                                    + "id of the linked record\n@return the record after the link was removed\n",
                            List.of(STRING, relation, STRING), List.of("id", "relation", "targetId"), record));
        }
        return type
                .addMethod(forward("apply", ParameterizedTypeName.get(OPTIONAL, record),
                        "Applies a typed mutation, e.g. {@code apply($T.merge(id).set(...))}.\n\n@param mutation "
                                + "the mutation\n@return the record as stored after it; empty after a delete\n",
                        List.of(ParameterizedTypeName.get(RuntimeTypes.TYPED_MUTATION, record)), List.of("mutation"),
                        mutations))
                .addMethod(forward("find", ParameterizedTypeName.get(RuntimeTypes.PAGE, record),
                        "Runs a typed query, e.g. {@code find($T.where(...).limit(20))}.\n\n@param query the query\n"
                                + "@return the page: records, the cursor to continue, the total when asked for\n",
                        List.of(query), List.of("query"), query))
                .addMethod(forward("count", TypeName.LONG,
                        "@param query the query; only its filter matters\n@return the number of matching records\n",
                        List.of(query), List.of("query")))
                .addMethod(forward("aggregate", ParameterizedTypeName.get(JavaTypes.LIST,
                                ParameterizedTypeName.get(RuntimeTypes.AGGREGATE_ROW, record)),
                        "Runs an aggregation, e.g. {@code aggregate($T.all().groupBy(...).aggregate(...))}.\n\n"
                                + "@param query the aggregation\n@return one row per group\n",
                        List.of(ParameterizedTypeName.get(RuntimeTypes.AGGREGATE_QUERY, record)), List.of("query"),
                        query))
                .addMethod(forward("findWhere", ParameterizedTypeName.get(JavaTypes.LIST, record),
                        "@param where the condition, made from the handles of {@link $T}\n@param limit the most "
                                + "records to return\n@return the matching records, by id\n",
                        List.of(ParameterizedTypeName.get(RuntimeTypes.CRITERION, record), TypeName.INT),
                        List.of("where", "limit"), resource.companion("Fields")));
    }

    /**
     * @param javadoc the method's Javadoc: a JavaPoet format whose {@code $T} take {@code javadocArgs}; a
     *                literal dollar is written {@code $$}
     */
    private static MethodSpec forward(String name, TypeName returns, String javadoc, List<TypeName> types,
            List<String> names, Object... javadocArgs) {
        MethodSpec.Builder method = MethodSpec.methodBuilder(name)
                .addModifiers(Modifier.PUBLIC)
                .returns(returns)
                .addJavadoc(javadoc, javadocArgs);
        for (int i = 0; i < types.size(); i++) {
            method.addParameter(types.get(i), names.get(i));
        }
        return method.addStatement("return support.$L($L)", name, String.join(", ", names)).build();
    }
}
