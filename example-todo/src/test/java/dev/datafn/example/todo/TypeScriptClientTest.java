package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The generated TypeScript declarations type-check a small client ({@code src/test/typescript/client.ts}) with
 * {@code tsc --strict}, and reject the same client once a misspelt field is no longer expected to fail.
 * TypeScript comes from the npm registry into {@code target/typescript}; without npm, or when it cannot
 * install, the test is skipped with the reason.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TypeScriptClientTest {

    private static final Path WORK = Path.of("target", "typescript");
    private static final Path TSC = WORK.resolve("node_modules/typescript/bin/tsc");

    @BeforeAll
    void installTypeScript() throws Exception {
        if (!Files.exists(TSC)) {
            Files.createDirectories(WORK);
            Result npm = run(WORK, "npm", "--version");
            assumeTrue(npm.status() == 0, "npm is not installed here: " + npm.output());
            Result install = run(WORK, "npm", "install", "--no-audit", "--no-fund", "--prefix", ".", "typescript@5");
            assumeTrue(install.status() == 0 && Files.exists(TSC),
                    "npm could not install typescript@5: " + install.output());
        }
        URI classes = URI.create(Todo.class.getProtectionDomain().getCodeSource().getLocation().toString());
        Files.copy(Path.of(classes.resolve("META-INF/datafn/datafn.d.ts")), WORK.resolve("datafn.d.ts"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void theClientTypeChecksAgainstTheGeneratedDeclarations() throws Exception {
        Files.copy(Path.of("src/test/typescript/client.ts"), WORK.resolve("client.ts"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        Result tsc = tsc("client.ts");

        assertThat(tsc.status()).as(tsc.output()).isZero();
    }

    @Test
    void aMisspeltFilterFieldAndAnOperatorOfAnotherTypeAreTypeErrors() throws Exception {
        String client = Files.readString(Path.of("src/test/typescript/client.ts"), StandardCharsets.UTF_8);
        Files.writeString(WORK.resolve("misspelt.ts"), client.replace("// @ts-expect-error", "//"),
                StandardCharsets.UTF_8);

        Result tsc = tsc("misspelt.ts");

        assertThat(tsc.status()).isNotZero();
        assertThat(tsc.output()).contains("'titel' does not exist in type 'TodoFilter'", "'gt' does not exist");
    }

    private static Result tsc(String file) throws IOException, InterruptedException {
        return run(WORK, "node", "node_modules/typescript/bin/tsc", "--noEmit", "--strict", "--target", "es2020",
                "--module", "es2020", "--moduleResolution", "bundler", file);
    }

    /** A finished process: its exit status and everything it printed. */
    private record Result(int status, String output) {
    }

    private static Result run(Path directory, String... command) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(List.of(command)).directory(directory.toFile()).redirectErrorStream(true)
                    .start();
        } catch (IOException notInstalled) {
            return new Result(-1, notInstalled.getMessage());
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(process.waitFor(), output);
    }
}
