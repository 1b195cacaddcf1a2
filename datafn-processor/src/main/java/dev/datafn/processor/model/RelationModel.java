package dev.datafn.processor.model;

import com.palantir.javapoet.ClassName;
import javax.lang.model.element.Element;

/**
 * One relation of a resource. The collector knows the target only as a record type; validation links
 * it to the target resource's name and, for a one-many relation, to the target's field that points back.
 *
 * @param name           the relation name in DFQL
 * @param kind           the cardinality
 * @param target         the target record type
 * @param targetResource the target resource's name; {@code null} until linked
 * @param field          the field holding the ids ({@code projectId}, {@code tags}); for a one-many
 *                       relation the target's many-one field; {@code null} until linked
 * @param inverse        the inverse relation's name on the target, or {@code null}
 * @param element        the record component, for error reporting only
 */
public record RelationModel(
        String name,
        RelationKind kind,
        ClassName target,
        String targetResource,
        String field,
        String inverse,
        Element element) {

    /**
     * @param resolvedTarget the target resource's name
     * @param resolvedField  the field holding the ids
     * @return this relation, linked
     */
    public RelationModel linked(String resolvedTarget, String resolvedField) {
        return new RelationModel(name, kind, target, resolvedTarget, resolvedField, inverse, element);
    }

    /** @return the name of the relation's handle in the generated {@code <Record>Fields} */
    public String constantName() {
        return NamingRules.constantName(name);
    }
}
