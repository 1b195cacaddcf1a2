package dev.datafn.processor.generate;

import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import dev.datafn.processor.model.ResourceModel;
import javax.lang.model.element.Modifier;

/**
 * Writes {@code <Record>Routes}, a Helidon {@code HttpService} serving the REST wrappers of one resource;
 * it only asks the runtime's {@code DataFnHttp} for the resource's routes, so they pass its request pipeline.
 */
public final class RoutesGenerator extends ResourceSourceGenerator {

    /** Creates the generator. */
    public RoutesGenerator() {
        super("Routes");
    }

    @Override
    protected TypeSpec.Builder type(ResourceModel resource) {
        return TypeSpec.classBuilder(className(resource))
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addSuperinterface(RuntimeTypes.HTTP_SERVICE)
                .addJavadoc("The REST wrappers of resource {@code $L} (records {@link $T}): {@code GET/POST "
                        + "/resources/$L}, {@code PATCH/DELETE /resources/$L/{id}}.\n",
                        resource.name(), resource.recordType(), resource.name(), resource.name())
                .addField(RuntimeTypes.DATA_FN_HTTP, "http", Modifier.PRIVATE, Modifier.FINAL)
                .addMethod(MethodSpec.constructorBuilder()
                        .addModifiers(Modifier.PUBLIC)
                        .addJavadoc("@param http the HTTP service whose request pipeline serves the requests\n")
                        .addParameter(RuntimeTypes.DATA_FN_HTTP, "http")
                        .addStatement("this.http = http")
                        .build())
                .addMethod(MethodSpec.methodBuilder("routing")
                        .addAnnotation(Override.class)
                        .addModifiers(Modifier.PUBLIC)
                        .addParameter(RuntimeTypes.HTTP_RULES, "rules")
                        .addStatement("http.restRoutes($S).routing(rules)", resource.name())
                        .build());
    }
}
