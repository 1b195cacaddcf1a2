package dev.datafn.processor.generate;

import com.palantir.javapoet.ClassName;
import dev.datafn.processor.model.FieldModel;
import dev.datafn.processor.model.NamingRules;
import dev.datafn.processor.model.RelationKind;
import dev.datafn.processor.model.RelationModel;
import dev.datafn.processor.model.ResourceModel;
import java.util.ArrayList;
import java.util.List;

/**
 * The link table of one many-many relation, as its generated link entity maps it: the table the
 * owner's id-list attribute already reads, keyed by (namespace, owner id, target id).
 *
 * @param owner    the resource that declares the relation
 * @param relation the many-many relation
 * @param field    the owner's id-list field the relation stores its ids in
 */
public record LinkTable(ResourceModel owner, RelationModel relation, FieldModel field) {

    /**
     * @param resource a validated resource
     * @return the link tables of the many-many relations it declares, in declaration order
     */
    public static List<LinkTable> of(ResourceModel resource) {
        List<LinkTable> links = new ArrayList<>();
        for (RelationModel relation : resource.relations()) {
            if (relation.kind() == RelationKind.MANY_MANY) {
                resource.field(relation.field()).ifPresent(f -> links.add(new LinkTable(resource, relation, f)));
            }
        }
        return links;
    }

    /** @return the link entity, e.g. {@code TodoTagsLink} for field {@code tags} of {@code Todo} */
    public ClassName entityClass() {
        return owner.companion(NamingRules.capitalize(field.name()) + "Link");
    }

    /** @return the table, e.g. {@code todos_tags}: the one the owner's element collection maps */
    public String table() {
        return EntityColumns.linkTable(owner.name(), field);
    }

    /** @return the column holding the owner's id, e.g. {@code todos_id} */
    public String ownerColumn() {
        return EntityColumns.ownerColumn(owner.name());
    }

    /** @return the column holding the target's id, e.g. {@code tags_id} */
    public String targetColumn() {
        return field.column();
    }
}
