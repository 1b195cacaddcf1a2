package dev.datafn.processor.model;

import com.palantir.javapoet.ClassName;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * All resources of a compilation after validation: every relation is linked and every check passed.
 * Only validation creates it; generators read nothing else.
 *
 * @param resources the resources, sorted by name
 */
public record SchemaModel(List<ResourceModel> resources) {

    /** Sorts and copies the resources. */
    public SchemaModel {
        resources = resources.stream().sorted(Comparator.comparing(ResourceModel::name)).toList();
    }

    /** @param recordType a record type @return its resource, if it is one of this schema's */
    public Optional<ResourceModel> resourceOf(ClassName recordType) {
        return resources.stream().filter(r -> r.recordType().equals(recordType)).findFirst();
    }
}
