package dev.datafn.processor.generate;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.TypeSpec;
import dev.datafn.processor.model.ResourceModel;
import java.io.IOException;
import java.util.List;
import javax.annotation.processing.Filer;

/**
 * The base of every source generator. It marks each generated type
 * {@code @Generated(value = "dev.datafn.processor.DataFnProcessor", comments = "from <record>")}, records
 * the originating elements (so incremental builds know what to regenerate) and adds nothing that
 * depends on time or machine: the same records always give the same bytes. Both the trigger and the
 * originating elements come from {@link #sources}, so a subclass only says what it generates and from
 * which records.
 *
 * @param <T> what the generator reads
 */
public abstract class SourceFileGenerator<T> {

    /** The processor's name, as {@code @Generated} records it. */
    public static final String PROCESSOR = "dev.datafn.processor.DataFnProcessor";

    private static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");

    /** For subclasses. */
    protected SourceFileGenerator() {
    }

    /** @param input what to generate from @return the generated type's name */
    public abstract ClassName className(T input);

    /**
     * @param input what to generate from
     * @return the generated type, without {@code @Generated} and originating elements
     */
    protected abstract TypeSpec.Builder type(T input);

    /**
     * @param input what to generate from
     * @return the records the type derives from: its {@code @Generated} comment names them, and their
     *         elements are its originating elements
     */
    protected abstract List<ResourceModel> sources(T input);

    /** @param input what to generate from @return the complete source file */
    public final JavaFile javaFile(T input) {
        List<ResourceModel> sources = sources(input);
        // Sorted, so the comment does not depend on the order javac found the records in.
        String trigger = String.join(", ", sources.stream().map(ResourceModel::qualifiedName).sorted().toList());
        TypeSpec.Builder type = type(input).addAnnotation(AnnotationSpec.builder(GENERATED)
                .addMember("value", "$S", PROCESSOR)
                .addMember("comments", "$S", "from " + trigger)
                .build());
        sources.forEach(source -> type.addOriginatingElement(source.element()));
        return JavaFile.builder(className(input).packageName(), type.build())
                .skipJavaLangImports(true)
                .indent("    ")
                .build();
    }

    /**
     * @param filer javac's filer
     * @param input what to generate from
     * @throws IOException when the file cannot be written
     */
    public final void writeTo(Filer filer, T input) throws IOException {
        javaFile(input).writeTo(filer);
    }
}
