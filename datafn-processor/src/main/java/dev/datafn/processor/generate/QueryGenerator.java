package dev.datafn.processor.generate;

import static dev.datafn.processor.generate.JavaTypes.STRING;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.datafn.processor.model.ResourceModel;
import javax.lang.model.element.Modifier;

/**
 * Writes {@code <Record>Query}, the typed DFQL query of a resource: the resource's name and version, two
 * static factories, and the copy hook of the runtime's {@code ResourceQuery}, where every operator and
 * the rendering live. Static {@code where} is the factory; the instance method that adds a condition is
 * the base's {@code filter}, because Java lets no static method hide an inherited instance method of the
 * same signature.
 */
public final class QueryGenerator extends ResourceSourceGenerator {

    /** Creates the generator. */
    public QueryGenerator() {
        super("Query");
    }

    @Override
    protected TypeSpec.Builder type(ResourceModel resource) {
        ClassName record = resource.recordType();
        ClassName self = className(resource);
        TypeName state = ParameterizedTypeName.get(RuntimeTypes.QUERY_STATE, record);
        return TypeSpec.classBuilder(self)
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .superclass(ParameterizedTypeName.get(RuntimeTypes.RESOURCE_QUERY, record, self))
                .addJavadoc("Typed, immutable DFQL queries on resource {@code $L}, whose records are {@link $T}.\n"
                        + "Conditions come from {@link $T}; {@code toDfql()} gives the wire JSON.\n",
                        resource.name(), record, resource.companion("Fields"))
                .addField(FieldSpec.builder(STRING, "RESOURCE", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                        .addJavadoc("The resource name.\n")
                        .initializer("$S", resource.name())
                        .build())
                .addField(FieldSpec.builder(TypeName.INT, "VERSION", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                        .addJavadoc("The schema version the queries carry.\n")
                        .initializer("$L", resource.version())
                        .build())
                .addMethod(MethodSpec.constructorBuilder()
                        .addModifiers(Modifier.PRIVATE)
                        .addParameter(state, "state")
                        .addStatement("super(state)")
                        .build())
                .addMethod(MethodSpec.methodBuilder("all")
                        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                        .returns(self)
                        .addJavadoc("@return a query for every {@link $T}\n", record)
                        .addStatement("return new $T($T.initial(RESOURCE, VERSION))", self, RuntimeTypes.QUERY_STATE)
                        .build())
                .addMethod(MethodSpec.methodBuilder("where")
                        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                        .returns(self)
                        .addParameter(ParameterizedTypeName.get(RuntimeTypes.CRITERION, record), "criterion")
                        .addJavadoc("@param criterion the condition, e.g. from {@link $T}\n"
                                + "@return a query for the {@link $T} records meeting it\n",
                                resource.companion("Fields"), record)
                        .addStatement("return all().filter(criterion)")
                        .build())
                .addMethod(MethodSpec.methodBuilder("copy")
                        .addAnnotation(Override.class)
                        .addModifiers(Modifier.PROTECTED)
                        .returns(self)
                        .addParameter(state, "changed")
                        .addStatement("return new $T(changed)", self)
                        .build());
    }
}
