package dev.datafn.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.datafn.error.DataFnException;
import dev.datafn.error.ErrorCode;
import dev.datafn.schema.Schema;
import dev.datafn.schema.TestSchemas;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contracts served are those of the compilation whose {@code schema.json} lists exactly the served
 * resources, whatever else the class path holds: another version of them, or more resources beside them.
 */
class ContractDocumentsTest {

    @TempDir
    Path root;

    private Path compilation(String name, String resources, String openApi) throws IOException {
        Path dir = root.resolve(name);
        Files.createDirectories(dir.resolve("META-INF/datafn"));
        Files.writeString(dir.resolve("META-INF/datafn/schema.json"), "{\"resources\": [" + resources + "]}");
        Files.writeString(dir.resolve("META-INF/datafn/openapi.json"), openApi);
        return dir;
    }

    private static URLClassLoader loader(Path... dirs) throws IOException {
        URL[] urls = new URL[dirs.length];
        for (int i = 0; i < dirs.length; i++) {
            urls[i] = dirs[i].toUri().toURL();
        }
        return new URLClassLoader(urls, null);
    }

    @Test
    void picksTheCompilationOfExactlyTheServedResources() throws IOException {
        Path otherVersion = compilation("v2", "{\"name\": \"notes\", \"version\": 2}", "{\"v\": 2}");
        Path more = compilation("more", "{\"name\": \"notes\", \"version\": 1}, {\"name\": \"tags\", \"version\": 1}",
                "{\"more\": true}");
        Path served = compilation("served", "{\"name\": \"notes\", \"version\": 1}", "{\"served\": true}");

        try (URLClassLoader loader = loader(otherVersion, more, served)) {
            ContractDocuments documents = new ContractDocuments(TestSchemas.notes(), loader);

            assertThat(documents.document("openapi.json")).isEqualTo("{\"served\": true}");
        }
    }

    @Test
    void aSchemaNoCompilationDescribesHasNoDocument() throws IOException {
        Path other = compilation("other", "{\"name\": \"tags\", \"version\": 1}", "{}");
        Schema served = Schema.of(List.of(TestSchemas.notesResource("notes")));

        try (URLClassLoader loader = loader(other)) {
            ContractDocuments documents = new ContractDocuments(served, loader);

            assertThatThrownBy(() -> documents.document("openapi.json")).isInstanceOf(DataFnException.class)
                    .satisfies(e -> assertThat(((DataFnException) e).code()).isEqualTo(ErrorCode.NOT_FOUND));
        }
    }
}
