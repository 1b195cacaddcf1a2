package dev.datafn.processor.generate;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.TypeSpec;
import java.io.IOException;
import java.util.List;
import javax.annotation.processing.Filer;
import javax.lang.model.element.Element;

/**
 * The base of every source generator. It marks each generated type
 * {@code @Generated(value = "dev.datafn.processor.DataFnProcessor", comments = "from <record>")}, records
 * the originating elements (so incremental builds know what to regenerate) and adds nothing that
 * depends on time or machine: the same records always give the same bytes.
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

    /** @param input what to generate from @return what the type was generated from, e.g. a record's name */
    protected abstract String trigger(T input);

    /** @param input what to generate from @return the source elements the type derives from */
    protected abstract List<? extends Element> originatingElements(T input);

    /** @param input what to generate from @return the complete source file */
    public final JavaFile javaFile(T input) {
        TypeSpec.Builder type = type(input).addAnnotation(AnnotationSpec.builder(GENERATED)
                .addMember("value", "$S", PROCESSOR)
                .addMember("comments", "$S", "from " + trigger(input))
                .build());
        originatingElements(input).forEach(type::addOriginatingElement);
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
