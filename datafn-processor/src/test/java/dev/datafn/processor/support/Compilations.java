package dev.datafn.processor.support;

import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.datafn.processor.DataFnProcessor;
import java.util.List;
import javax.tools.JavaFileObject;

/** Runs the processor over test sources, with the runtime on the class path as a user's build has it. */
public final class Compilations {

    private Compilations() {
    }

    /** @param sources the sources @return the compilation */
    public static Compilation compile(JavaFileObject... sources) {
        return compile(List.of(), sources);
    }

    /** @param options javac options @param sources the sources @return the compilation */
    public static Compilation compile(List<String> options, JavaFileObject... sources) {
        return javac().withProcessors(new DataFnProcessor()).withOptions(options).compile(sources);
    }

    /**
     * @param qualifiedName the top-level type's qualified name
     * @param text          the source text
     * @return the source file
     */
    public static JavaFileObject source(String qualifiedName, String text) {
        return JavaFileObjects.forSourceString(qualifiedName, text);
    }
}
