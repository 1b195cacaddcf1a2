package dev.datafn.processor.generate;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.WildcardTypeName;
import dev.datafn.processor.model.ResourceModel;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.Modifier;

/**
 * Writes {@code <Record>Repository}, the typed in-process API of a resource. It only forwards to the
 * runtime's {@code RepositorySupport}, where the behaviour lives and is tested once.
 */
public final class RepositoryGenerator extends SourceFileGenerator<ResourceModel> {

    /** The namespace a repository works in when none is given. */
    public static final String DEFAULT_NAMESPACE = "datafn";

    private static final ClassName STRING = ClassName.get("java.lang", "String");
    private static final ClassName OPTIONAL = ClassName.get("java.util", "Optional");
    private static final ClassName LIST = ClassName.get("java.util", "List");
    private static final TypeName CHANGES = ParameterizedTypeName.get(ClassName.get("java.util", "Map"), STRING,
            WildcardTypeName.subtypeOf(Object.class));

    /** Creates the generator. */
    public RepositoryGenerator() {
    }

    @Override
    public ClassName className(ResourceModel resource) {
        return resource.companion("Repository");
    }

    @Override
    protected TypeSpec.Builder type(ResourceModel resource) {
        ClassName record = resource.recordType();
        TypeName support = ParameterizedTypeName.get(RuntimeTypes.REPOSITORY_SUPPORT, record);
        ClassName query = resource.companion("Query");
        return TypeSpec.classBuilder(className(resource))
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addJavadoc("Reads and writes {@link $T} records of resource {@code $L} in one namespace.\n",
                        record, resource.name())
                .addField(support, "support", Modifier.PRIVATE, Modifier.FINAL)
                .addMethod(MethodSpec.constructorBuilder()
                        .addModifiers(Modifier.PUBLIC)
                        .addJavadoc("Works in namespace {@code $L}.\n\n@param datafn the engine\n", DEFAULT_NAMESPACE)
                        .addParameter(RuntimeTypes.DATA_FN, "datafn")
                        .addStatement("this(datafn, $S)", DEFAULT_NAMESPACE)
                        .build())
                .addMethod(MethodSpec.constructorBuilder()
                        .addModifiers(Modifier.PUBLIC)
                        .addJavadoc("@param datafn the engine\n@param namespace the namespace every call works in\n")
                        .addParameter(RuntimeTypes.DATA_FN, "datafn")
                        .addParameter(STRING, "namespace")
                        .addStatement("this.support = new $T<>(datafn, $S, $T.class, namespace)",
                                RuntimeTypes.REPOSITORY_SUPPORT, resource.name(), record)
                        .build())
                .addMethod(forward("get", ParameterizedTypeName.get(OPTIONAL, record),
                        "@param id a record id\n@return the record, if it exists in this namespace\n",
                        List.of(STRING), List.of("id")))
                .addMethod(forward("insert", record,
                        "@param record the record to insert; a null id is generated\n@return the stored record\n",
                        List.of(record), List.of("record")))
                .addMethod(forward("merge", record,
                        "@param id the record id\n@param changes field name to new value; absent fields keep their "
                                + "value, null clears a field\n@return the stored record after the merge\n",
                        List.of(STRING, CHANGES), List.of("id", "changes")))
                .addMethod(forward("delete", TypeName.BOOLEAN,
                        "@param id the record id\n@return whether a record was deleted\n",
                        List.of(STRING), List.of("id")))
                .addMethod(forward("find", ParameterizedTypeName.get(RuntimeTypes.PAGE, record),
                        "Runs a typed query, e.g. {@code find($T.where(...).limit(20))}.\n\n@param query the query\n"
                                + "@return the page: records, the cursor to continue, the total when asked for\n",
                        List.of(query), List.of("query"), query))
                .addMethod(forward("count", TypeName.LONG,
                        "@param query the query; only its filter matters\n@return the number of matching records\n",
                        List.of(query), List.of("query")))
                .addMethod(forward("aggregate", ParameterizedTypeName.get(LIST,
                                ParameterizedTypeName.get(RuntimeTypes.AGGREGATE_ROW, record)),
                        "Runs an aggregation, e.g. {@code aggregate($T.all().groupBy(...).aggregate(...))}.\n\n"
                                + "@param query the aggregation\n@return one row per group\n",
                        List.of(ParameterizedTypeName.get(RuntimeTypes.AGGREGATE_QUERY, record)), List.of("query"),
                        query))
                .addMethod(forward("findWhere", ParameterizedTypeName.get(LIST, record),
                        "@param filters DFQL filters, e.g. {@code Map.of(\"completed\", false)}\n@param limit the most "
                                + "records to return\n@return the matching records, by id\n",
                        List.of(CHANGES, TypeName.INT), List.of("filters", "limit")));
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

    @Override
    protected String trigger(ResourceModel resource) {
        return resource.qualifiedName();
    }

    @Override
    protected List<? extends Element> originatingElements(ResourceModel resource) {
        return List.of(resource.element());
    }
}
