package dev.datafn.processor.support;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/** The {@link TodoFixture} compiled once per test run; several test classes use its output. */
public final class CompiledFixture {

    private static GeneratedOutput output;

    private CompiledFixture() {
    }

    /** @return the loadable output of compiling the fixture */
    public static synchronized GeneratedOutput output() {
        if (output == null) {
            Compilation compilation = Compilations.compile(TodoFixture.all());
            assertThat(compilation).succeeded();
            try {
                output = GeneratedOutput.of(compilation, Files.createTempDirectory("datafn-fixture"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return output;
    }
}
