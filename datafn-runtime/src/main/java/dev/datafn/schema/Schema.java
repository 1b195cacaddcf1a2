package dev.datafn.schema;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Stream;

/**
 * The validated set of resources a server serves, with its hash. Built once at startup; immutable.
 */
public final class Schema {

    private final Map<String, ResourceSchema> resources;
    private final String hash;

    private Schema(Map<String, ResourceSchema> resources) {
        this.resources = Collections.unmodifiableMap(resources);
        this.hash = SchemaHash.of(this.resources.values());
    }

    /**
     * Validates resources and builds the schema, with the {@link BuiltInResources built-in resources}
     * added after validation.
     *
     * @param resources the application's resources; the built-in ones may be among them (as in another
     *                  schema's {@link #resources()}, perhaps with another policy) and are then taken as given
     * @return the schema
     * @throws SchemaValidationException if the resources do not form a valid schema, or one takes the name
     *     of a built-in resource
     */
    public static Schema of(Collection<ResourceSchema> resources) {
        List<ResourceSchema> own = resources.stream().filter(r -> !BuiltInResources.isBuiltIn(r)).toList();
        SchemaValidator.validate(own);
        Map<String, ResourceSchema> byName = new LinkedHashMap<>();
        Stream.concat(BuiltInResources.ALL.stream(), resources.stream())
                .sorted((a, b) -> a.name().compareTo(b.name()))
                // A built-in resource given back (perhaps with another policy) replaces the default one.
                .forEach(r -> byName.put(r.name(), r));
        return new Schema(byName);
    }

    /**
     * Builds the schema from providers.
     *
     * @param providers schema providers, e.g. a generated {@code TodoSchema.INSTANCE}
     * @return the schema
     */
    public static Schema of(SchemaProvider... providers) {
        List<ResourceSchema> all = new ArrayList<>();
        for (SchemaProvider p : providers) {
            all.addAll(p.resources());
        }
        return of(all);
    }

    /**
     * Builds the schema from every {@link SchemaProvider} registered for {@link ServiceLoader}.
     *
     * @param loader the class loader to search
     * @return the schema
     */
    public static Schema discover(ClassLoader loader) {
        List<ResourceSchema> all = new ArrayList<>();
        for (SchemaProvider p : ServiceLoader.load(SchemaProvider.class, loader)) {
            all.addAll(p.resources());
        }
        if (all.isEmpty()) {
            throw new SchemaValidationException("no resources found: annotate records with @Resource and "
                    + "compile them with datafn-processor, or pass a schema to DataFn.builder().schema(...)");
        }
        return of(all);
    }

    /** @param name a resource name @return the resource, if the schema has it */
    public Optional<ResourceSchema> resource(String name) {
        return Optional.ofNullable(resources.get(name));
    }

    /** @return every resource, by name */
    public Collection<ResourceSchema> resources() {
        return resources.values();
    }

    /** @return a hex SHA-256 of the schema's wire-visible content, stable across runs and JVMs */
    public String hash() {
        return hash;
    }
}
