package dev.datafn.processor.validate;

import dev.datafn.processor.diagnostics.AnnotationNames;
import dev.datafn.processor.diagnostics.Diagnostics;
import dev.datafn.processor.diagnostics.Messages;
import dev.datafn.processor.model.RelationKind;
import dev.datafn.processor.model.RelationModel;
import dev.datafn.processor.model.ResourceModel;
import dev.datafn.processor.model.SchemaModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks all resources of a compilation together, after every round's records are collected: each
 * resource on its own, then resource names and relations across resources. It links every relation to
 * its target and returns the schema generators read.
 */
public final class SchemaValidator {

    private final Diagnostics diagnostics;

    /** @param diagnostics where problems go */
    public SchemaValidator(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    /**
     * @param resources every collected resource, in the order javac presented them
     * @return the linked schema; generate from it only if {@link Diagnostics#hasErrors()} stays false
     */
    public SchemaModel validate(List<ResourceModel> resources) {
        ResourceValidator single = new ResourceValidator(diagnostics);
        resources.forEach(single::validate);
        checkUniqueNames(resources);
        Map<String, ResourceModel> byRecord = new HashMap<>();
        resources.forEach(r -> byRecord.putIfAbsent(r.recordType().canonicalName(), r));
        List<String> known = resources.stream().map(ResourceModel::simpleName).sorted().distinct().toList();
        List<ResourceModel> linked = new ArrayList<>();
        for (ResourceModel resource : resources) {
            List<RelationModel> relations = new ArrayList<>();
            for (RelationModel relation : resource.relations()) {
                link(resource, relation, byRecord, known).ifPresent(relations::add);
            }
            linked.add(new ResourceModel(resource.name(), resource.version(), resource.idPrefix(),
                    resource.recordType(), resource.element(), resource.fields(), relations, resource.indexes(),
                    resource.policy()));
        }
        return new SchemaModel(linked);
    }

    private void checkUniqueNames(List<ResourceModel> resources) {
        Map<String, ResourceModel> first = new HashMap<>();
        for (ResourceModel resource : resources) {
            ResourceModel earlier = first.putIfAbsent(resource.name(), resource);
            if (earlier != null) {
                diagnostics.error(resource.element(), AnnotationNames.RESOURCE, "name", Messages.duplicateResource(
                        resource.name(), resource.simpleName(), earlier.qualifiedName()));
            }
        }
    }

    private Optional<RelationModel> link(ResourceModel owner, RelationModel relation,
            Map<String, ResourceModel> byRecord, List<String> known) {
        ResourceModel target = byRecord.get(relation.target().canonicalName());
        if (target == null) {
            diagnostics.error(relation.element(), AnnotationNames.RELATION, "to", Messages.unknownRelationTarget(
                    relation.element().getSimpleName().toString(), relation.target().simpleName(), known));
            return Optional.empty();
        }
        String field = relation.field();
        if (relation.inverse() != null) {
            RelationKind expected = inverseKindOf(relation.kind());
            List<RelationModel> candidates = target.relations().stream()
                    .filter(r -> r.kind() == expected && r.target().equals(owner.recordType()))
                    .toList();
            Optional<RelationModel> inverse = candidates.stream()
                    .filter(r -> r.name().equals(relation.inverse()))
                    .findFirst();
            if (inverse.isEmpty()) {
                diagnostics.error(relation.element(), AnnotationNames.RELATION, "inverse", Messages.inverseNotFound(
                        relation.element().getSimpleName().toString(), relation.inverse(), target.name(),
                        candidates.stream().map(RelationModel::name).toList()));
                return Optional.empty();
            }
            if (relation.kind() == RelationKind.ONE_MANY) {
                field = inverse.get().field();
            }
        }
        if (field == null) {
            // A one-many relation without inverse was reported by the collector.
            return Optional.empty();
        }
        return Optional.of(relation.linked(target.name(), field));
    }

    private static RelationKind inverseKindOf(RelationKind kind) {
        return switch (kind) {
            case MANY_ONE -> RelationKind.ONE_MANY;
            case ONE_MANY -> RelationKind.MANY_ONE;
            case MANY_MANY -> RelationKind.MANY_MANY;
        };
    }
}
