package dev.datafn.processor.generate;

import com.palantir.javapoet.ClassName;
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

/** Writes the non-Java outputs: the {@code ServiceLoader} registration and {@code schema.json}. */
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
    }

    private void write(String path, String text, Element[] origins) throws IOException {
        FileObject file = filer.createResource(StandardLocation.CLASS_OUTPUT, "", path, origins);
        try (Writer out = new OutputStreamWriter(file.openOutputStream(), StandardCharsets.UTF_8)) {
            out.write(text);
        }
    }
}
