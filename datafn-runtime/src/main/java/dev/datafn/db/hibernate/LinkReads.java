package dev.datafn.db.hibernate;

import dev.datafn.db.AnswerBudget;
import dev.datafn.schema.FieldSchema;
import dev.datafn.schema.RelationKind;
import dev.datafn.schema.RelationSchema;
import dev.datafn.schema.ResourceSchema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.SharedSessionContract;

/**
 * Reads the many-many id lists of many owners at once: one query per chunk of owners, by the link table's
 * (namespace, owner) key, never one per owner, and never a tuple list that PostgreSQL cannot use an index for.
 *
 * @param session    the session of the read
 * @param resource   the owners' resource
 * @param statements the timeout and cancel checkpoint every statement passes
 */
record LinkReads(SharedSessionContract session, ResourceSchema resource, Statements statements) implements TupleRows.LinkLoader {

    /** Owner ids bound in one IN list; keeps statements within every database's parameter limit. */
    static final int CHUNK = 500;

    @Override
    public Map<String, List<String>> targets(FieldSchema idList, List<String> owners) {
        RelationSchema relation = relation(idList);
        Map<String, List<String>> byOwner = new HashMap<>();
        for (int from = 0; from < owners.size(); from += CHUNK) {
            List<String> chunk = owners.subList(from, Math.min(owners.size(), from + CHUNK));
            HqlText hql = HqlText.in(session);
            if (relation.linkEntity() != null) {
                hql.append("select l.ownerId, l.targetId from ").append(relation.linkEntity().getName())
                        .append(" l where ").inNamespace("l").append(" and l.ownerId in ").values(chunk)
                        .append(" order by l.ownerId, l.targetId");
            } else {
                hql.append("select e.id, t from ").append(resource.entityClass().getName()).append(" e join e.")
                        .append(idList.name()).append(" t where ").inNamespace("e").append(" and e.id in ")
                        .values(chunk).append(" order by e.id, t");
            }
            List<Object[]> pairs = statements.guard(hql.bind(session.createSelectionQuery(hql.toString(),
                    Object[].class))).getResultList();
            AnswerBudget.charge(pairs);
            for (Object[] pair : pairs) {
                byOwner.computeIfAbsent((String) pair[0], k -> new ArrayList<>()).add((String) pair[1]);
            }
        }
        return byOwner;
    }

    private RelationSchema relation(FieldSchema idList) {
        for (RelationSchema r : resource.relations()) {
            if (r.kind() == RelationKind.MANY_MANY && r.field().equals(idList.name())) {
                return r;
            }
        }
        throw new IllegalStateException("id list '" + idList.name() + "' of '" + resource.name() + "' has no relation");
    }
}
