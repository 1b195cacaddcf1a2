package dev.datafn.processor.validate;

import dev.datafn.processor.diagnostics.AnnotationNames;
import dev.datafn.processor.diagnostics.Diagnostics;
import dev.datafn.processor.diagnostics.Messages;
import dev.datafn.processor.model.FieldModel;
import dev.datafn.processor.model.FieldRole;
import dev.datafn.processor.model.FieldType;
import dev.datafn.processor.model.IndexModel;
import dev.datafn.processor.model.NamingRules;
import dev.datafn.processor.model.PolicyModel;
import dev.datafn.processor.model.RelationModel;
import dev.datafn.processor.model.ResourceModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;

/** Checks one resource on its own: its names, its id, its fields' constraints and its indexes. */
final class ResourceValidator {

    private final Diagnostics diagnostics;
    private final ConstraintValidator constraints;

    /** @param diagnostics where problems go */
    ResourceValidator(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
        this.constraints = new ConstraintValidator(diagnostics);
    }

    /** @param resource the resource to check */
    void validate(ResourceModel resource) {
        Element record = resource.element();
        if (!NamePatterns.RESOURCE_NAME.matcher(resource.name()).matches()) {
            diagnostics.error(record, AnnotationNames.RESOURCE, "name", Messages.invalidResourceName(resource.name()));
        } else if (NamePatterns.BUILT_IN_RESOURCES.contains(resource.name())) {
            diagnostics.error(record, AnnotationNames.RESOURCE, "name", Messages.builtInResourceName(resource.name()));
        }
        if (resource.version() < 1) {
            diagnostics.error(record, AnnotationNames.RESOURCE, "version", Messages.invalidVersion(resource.version()));
        }
        if (!NamePatterns.ID_PREFIX.matcher(resource.idPrefix()).matches()) {
            diagnostics.error(record, AnnotationNames.RESOURCE, "idPrefix", Messages.invalidIdPrefix(resource.idPrefix()));
        }
        checkId(resource);
        checkNames(resource);
        resource.fields().forEach(constraints::validate);
        checkIndexes(resource);
        checkPolicy(resource);
    }

    /** Rules must parse; field rules add to a record policy; a record without one is warned about. */
    private void checkPolicy(ResourceModel resource) {
        PolicyModel policy = resource.policy();
        if (policy == null) {
            diagnostics.warning(resource.element(), Messages.missingPolicy(resource.name(), resource.simpleName()));
        } else {
            checkRule(resource.element(), AnnotationNames.POLICY, "read", policy.read());
            checkRule(resource.element(), AnnotationNames.POLICY, "write", policy.write());
        }
        for (FieldModel field : resource.fields()) {
            String read = field.constraints().readRule();
            String write = field.constraints().writeRule();
            if (read == null && write == null) {
                continue;
            }
            if (field.role() == FieldRole.ID) {
                diagnostics.error(field.element(), AnnotationNames.FIELD, null, Messages.ruleOnId(field.name()));
            } else if (policy == null) {
                diagnostics.error(field.element(), AnnotationNames.FIELD, null,
                        Messages.fieldRuleWithoutPolicy(field.name(), resource.simpleName()));
            }
            if (read != null) {
                checkRule(field.element(), AnnotationNames.FIELD, "read", read);
            }
            if (write != null) {
                checkRule(field.element(), AnnotationNames.FIELD, "write", write);
            }
        }
    }

    private void checkRule(Element element, String annotation, String attribute, String rule) {
        AccessRules.problem(rule).ifPresent(problem -> diagnostics.error(element, annotation, attribute,
                Messages.invalidAccessRule("@" + annotation.substring(annotation.lastIndexOf('.') + 1) + "("
                        + attribute + ")", rule, problem)));
    }

    private void checkId(ResourceModel resource) {
        List<FieldModel> ids = resource.fields().stream().filter(f -> f.role() == FieldRole.ID).toList();
        if (ids.isEmpty()) {
            diagnostics.error(resource.element(), Messages.missingId(resource.simpleName(), resource.name()));
        }
        for (int i = 1; i < ids.size(); i++) {
            diagnostics.error(ids.get(i).element(), AnnotationNames.ID, null,
                    Messages.duplicateId(resource.simpleName(), ids.get(0).name(), ids.get(i).name()));
        }
    }

    /**
     * Fields and relations share one set of names: they are the keys of a record on the wire and the
     * constants of the generated {@code <Record>Fields}. A many-many relation and its id list are one name.
     */
    private void checkNames(ResourceModel resource) {
        Map<String, String> seenConstants = new HashMap<>();
        Set<String> ownListNames = new HashSet<>();
        for (RelationModel relation : resource.relations()) {
            if (relation.name().equals(relation.field())) {
                ownListNames.add(relation.name());
            }
        }
        for (FieldModel field : resource.fields()) {
            boolean representedByRelation = field.type() instanceof FieldType.IdList
                    && ownListNames.contains(field.name());
            if (!representedByRelation) {
                checkName(resource, field.name(), field.role() != FieldRole.ID, seenConstants, field.element(), null);
            }
        }
        for (RelationModel relation : resource.relations()) {
            checkName(resource, relation.name(), false, seenConstants, relation.element(), "name");
        }
    }

    private void checkName(ResourceModel resource, String name, boolean idReserved, Map<String, String> seen,
            Element element, String relationAttribute) {
        String annotation = relationAttribute == null ? AnnotationNames.FIELD : AnnotationNames.RELATION;
        if (name.equals("namespace") || name.startsWith("__") || (idReserved && name.equals("id"))) {
            diagnostics.error(element, annotation, relationAttribute, Messages.reservedName(name, resource.name()));
            return;
        }
        String constant = NamingRules.constantName(name);
        if (seen.putIfAbsent(constant, name) != null) {
            diagnostics.error(element, annotation, relationAttribute, Messages.duplicateName(name, resource.name()));
        }
    }

    private void checkIndexes(ResourceModel resource) {
        List<String> indexable = new ArrayList<>();
        for (FieldModel field : resource.fields()) {
            if (!(field.type() instanceof FieldType.IdList)) {
                indexable.add(field.name());
            }
        }
        Set<String> names = new HashSet<>();
        String id = resource.idField().map(FieldModel::name).orElse(null);
        for (IndexModel index : resource.indexes()) {
            Set<String> listed = new HashSet<>();
            for (int k = 0; k < index.keys().size(); k++) {
                IndexModel.Key key = index.keys().get(k);
                String field = key.field();
                if (!indexable.contains(field)) {
                    diagnostics.indexError(index.element(), index.occurrence(), "fields",
                            Messages.unknownIndexField(field, resource.name(), indexable));
                } else if (!listed.add(field)) {
                    diagnostics.indexError(index.element(), index.occurrence(), "fields",
                            Messages.repeatedIndexField(field, resource.name()));
                } else if (field.equals(id) && k < index.keys().size() - 1) {
                    diagnostics.indexError(index.element(), index.occurrence(), "fields",
                            Messages.idNotLastInIndex(field, resource.name()));
                } else if (field.equals(id) && !key.ascending()) {
                    diagnostics.indexError(index.element(), index.occurrence(), "fields",
                            Messages.idDescendingInIndex(field, resource.name()));
                }
            }
            if (!names.add(index.name())) {
                diagnostics.indexError(index.element(), index.occurrence(), "name",
                        Messages.duplicateIndexName(index.name(), resource.name()));
            }
        }
    }
}
