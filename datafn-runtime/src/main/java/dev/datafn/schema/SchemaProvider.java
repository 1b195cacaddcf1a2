package dev.datafn.schema;

import dev.datafn.schema.ResourceSchema;
import java.util.List;

/**
 * Supplies resources to the runtime. The annotation processor generates one implementation per
 * compilation unit and registers it for {@link java.util.ServiceLoader}; users rarely implement it.
 */
public interface SchemaProvider {

    /** @return the resources this provider declares */
    List<ResourceSchema> resources();
}
