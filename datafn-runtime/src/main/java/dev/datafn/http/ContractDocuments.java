package dev.datafn.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datafn.error.DataFnException;
import dev.datafn.error.ErrorCode;
import dev.datafn.json.Json;
import dev.datafn.schema.BuiltInResources;
import dev.datafn.schema.ResourceSchema;
import dev.datafn.schema.Schema;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The contracts the processor wrote beside the served schema's {@code META-INF/datafn/schema.json}: its
 * {@code openapi.json} and per-resource JSON Schemas, read once from the class path and kept as text.
 * The class path may hold several compilations' files (an application's, a test's); the one whose
 * {@code schema.json} lists exactly the served resources, by name and version, is the served schema's.
 */
final class ContractDocuments {

    private static final String SCHEMA_JSON = "META-INF/datafn/schema.json";

    private final Schema schema;
    private final ClassLoader loader;
    /** The directory URL of the matching compilation's files, or empty when none matches; found once. */
    private volatile Optional<String> directory;
    private final Map<String, Optional<String>> documents = new ConcurrentHashMap<>();

    /**
     * @param schema the served schema
     * @param loader where the compilations' files are
     */
    ContractDocuments(Schema schema, ClassLoader loader) {
        this.schema = schema;
        this.loader = loader;
    }

    /**
     * @param name a file of the served schema's compilation under {@code META-INF/datafn/}, e.g.
     *             {@code openapi.json} or {@code schemas/todos.schema.json}
     * @return its text
     * @throws DataFnException {@code NOT_FOUND} when the class path has no such file for the served schema
     */
    String document(String name) {
        return documents.computeIfAbsent(name, this::read).orElseThrow(() -> new DataFnException(
                ErrorCode.NOT_FOUND, "no " + name + " of the served schema on the class path: the resources' "
                        + "compilation writes it (datafn-processor)"));
    }

    private Optional<String> read(String name) {
        return directory().flatMap(base -> {
            try (InputStream in = URI.create(base + name).toURL().openStream()) {
                return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException absent) {
                return Optional.empty();
            }
        });
    }

    private Optional<String> directory() {
        Optional<String> found = directory;
        if (found == null) {
            found = find();
            directory = found;
        }
        return found;
    }

    private Optional<String> find() {
        Set<String> served = schema.resources().stream().filter(r -> !BuiltInResources.isBuiltIn(r))
                .map(ContractDocuments::key).collect(Collectors.toCollection(TreeSet::new));
        try {
            Enumeration<URL> candidates = loader.getResources(SCHEMA_JSON);
            while (candidates.hasMoreElements()) {
                URL candidate = candidates.nextElement();
                if (served.equals(resourcesIn(candidate))) {
                    String url = candidate.toString();
                    return Optional.of(url.substring(0, url.length() - "schema.json".length()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Optional.empty();
    }

    private static Set<String> resourcesIn(URL schemaJson) throws IOException {
        try (InputStream in = schemaJson.openStream()) {
            JsonNode root = Json.parse(in.readAllBytes(), "");
            Set<String> keys = new TreeSet<>();
            root.path("resources").forEach(r -> keys.add(r.path("name").asText() + "@" + r.path("version").asInt()));
            return keys;
        }
    }

    private static String key(ResourceSchema resource) {
        return resource.name() + "@" + resource.version();
    }
}
