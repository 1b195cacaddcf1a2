package dev.datafn.processor.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads golden files from {@code src/test/resources/goldens/<TestClass>/<method>/<file>}. */
public final class Goldens {

    private Goldens() {
    }

    /**
     * Compares text with a golden file. On a difference the actual text is written to
     * {@code target/goldens-actual/...} so it can be reviewed and copied over the golden.
     *
     * @param testClass the test class
     * @param method    the test method
     * @param file      the file name
     * @param actual    the text produced
     */
    public static void assertMatches(Class<?> testClass, String method, String file, String actual) {
        String golden = read(testClass, method, file);
        if (!golden.equals(actual)) {
            Path written = Path.of("target", "goldens-actual", testClass.getSimpleName(), method, file);
            try {
                Files.createDirectories(written.getParent());
                Files.writeString(written, actual, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            org.assertj.core.api.Assertions.assertThat(actual)
                    .as("golden %s/%s/%s (actual written to %s)", testClass.getSimpleName(), method, file, written)
                    .isEqualTo(golden);
        }
    }

    /**
     * @param testClass the test class
     * @param method    the test method
     * @param file      the file name
     * @return the golden text
     */
    public static String read(Class<?> testClass, String method, String file) {
        String path = "/goldens/" + testClass.getSimpleName() + "/" + method + "/" + file;
        try (InputStream in = testClass.getResourceAsStream(path)) {
            if (in == null) {
                return "(missing golden file " + path + ")";
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
