package dev.datafn.processor.support;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.JavaFileObject;

/**
 * The class output of a successful compilation, written to a directory and loadable: tests use the
 * generated classes and read the generated resource files the way an application would.
 */
public final class GeneratedOutput implements AutoCloseable {

    private static final String CLASS_OUTPUT = "/CLASS_OUTPUT/";

    private final Path directory;
    private final URLClassLoader loader;

    private GeneratedOutput(Path directory) {
        this.directory = directory;
        try {
            this.loader = new URLClassLoader(new URL[] {directory.toUri().toURL()},
                    GeneratedOutput.class.getClassLoader());
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @param compilation a successful compilation
     * @param directory   an empty directory to write the class output to
     * @return the output
     */
    public static GeneratedOutput of(Compilation compilation, Path directory) {
        try {
            for (JavaFileObject file : compilation.generatedFiles()) {
                String uri = file.toUri().getPath();
                int at = uri.indexOf(CLASS_OUTPUT);
                if (at < 0) {
                    continue;
                }
                Path target = directory.resolve(uri.substring(at + CLASS_OUTPUT.length()));
                Files.createDirectories(target.getParent());
                try (InputStream in = file.openInputStream()) {
                    Files.write(target, in.readAllBytes());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new GeneratedOutput(directory);
    }

    /** @return a class loader over the output, with the test class path (and so the runtime) as parent */
    public ClassLoader classLoader() {
        return loader;
    }

    /** @param name a binary class name @return the loaded, initialized class */
    public Class<?> load(String name) {
        try {
            return Class.forName(name, true, loader);
        } catch (ClassNotFoundException e) {
            throw new AssertionError("not generated: " + name, e);
        }
    }

    /** @param path a resource path such as {@code META-INF/datafn/schema.json} @return its text */
    public String text(String path) {
        try {
            return Files.readString(directory.resolve(path), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        loader.close();
    }
}
