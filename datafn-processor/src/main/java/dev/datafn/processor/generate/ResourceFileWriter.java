package dev.datafn.processor.generate;

import com.palantir.javapoet.ClassName;
import dev.datafn.processor.generate.contract.BuiltInResources;
import dev.datafn.processor.generate.contract.OpenApiDocument;
import dev.datafn.processor.generate.contract.RecordJsonSchema;
import dev.datafn.processor.generate.contract.TableSchemaJson;
import dev.datafn.processor.generate.contract.TypeScriptDeclarations;
import dev.datafn.processor.model.ResourceModel;
import dev.datafn.processor.model.SchemaModel;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import javax.annotation.processing.Filer;
import javax.lang.model.element.Element;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Writes the non-Java outputs: the {@code ServiceLoader} registration, {@code schema.json}, and the contracts
 * ({@code openapi.json}, {@code datafn.d.ts}, a JSON Schema and a Table Schema per resource).
 */
public final class ResourceFileWriter {

    /** The service file that registers the schema class. */
    public static final String SERVICE_FILE = "META-INF/services/dev.datafn.schema.SchemaProvider";

    private final Filer filer;

    /** @param filer javac's filer */
    public ResourceFileWriter(Filer filer) {
        this.filer = filer;
    }

    /**
     * @param schema      the validated schema
     * @param schemaClass the generated schema class
     * @throws IOException when a file cannot be written
     */
    public void write(SchemaModel schema, ClassName schemaClass) throws IOException {
        Element[] origins = schema.resources().stream().map(ResourceModel::element).toArray(Element[]::new);
        write(SERVICE_FILE, schemaClass.reflectionName() + "\n", origins);
        write(SchemaJson.PATH, SchemaJson.render(schema), origins);
        // The contracts describe the schema as served: with the resources the runtime adds to every schema.
        SchemaModel served = BuiltInResources.servedWith(schema);
        write(OpenApiDocument.PATH, OpenApiDocument.render(served), origins);
        write(TypeScriptDeclarations.PATH, TypeScriptDeclarations.render(served), origins);
        for (ResourceModel resource : served.resources()) {
            write(RecordJsonSchema.path(resource), RecordJsonSchema.render(resource), origins);
            write(TableSchemaJson.path(resource), TableSchemaJson.render(resource), origins);
        }
    }

    private void write(String path, String text, Element[] origins) throws IOException {
        FileObject file = filer.createResource(StandardLocation.CLASS_OUTPUT, "", path, origins);
        try (Writer out = new OutputStreamWriter(file.openOutputStream(), StandardCharsets.UTF_8)) {
            out.write(text);
        }
    }
}
