package dev.datafn.mutation.write;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datafn.internal.LinkKey;
import dev.datafn.internal.LinkRow;
import dev.datafn.schema.RelationSchema;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Root;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.hibernate.Session;
import org.hibernate.engine.spi.SessionFactoryImplementor;

/**
 * Reads and writes the links of many-many relations through their generated link entities, within a
 * session's namespace (the link entities carry {@code @TenantId}, so Hibernate scopes every statement).
 */
final class Links {

    private Links() {
    }

    /** @return the link, or {@code null} when the two records are not linked */
    static LinkRow find(Session session, RelationSchema relation, String ownerId, String targetId) {
        return session.find(relation.linkEntity(), new LinkKey(session.getTenantIdentifier(), ownerId, targetId));
    }

    /** Links two records; the caller checked that they were not linked. */
    static void add(Session session, RelationSchema relation, String ownerId, String targetId, JsonNode metadata) {
        LinkRow link = newLink(session, relation);
        link.setOwnerId(ownerId);
        link.setTargetId(targetId);
        link.setMetadata(metadata);
        session.persist(link);
    }

    /** @return the links of one owner, by target id */
    static List<LinkRow> ofOwner(Session session, RelationSchema relation, String ownerId) {
        return where(session, relation, "ownerId", ownerId);
    }

    /** @return the links that point at one target */
    static List<LinkRow> toTarget(Session session, RelationSchema relation, String targetId) {
        return where(session, relation, "targetId", targetId);
    }

    /** @return the ids an owner is linked to, by target id */
    static List<String> targetIds(Session session, RelationSchema relation, String ownerId) {
        List<String> ids = new ArrayList<>();
        for (LinkRow link : ofOwner(session, relation, ownerId)) {
            ids.add(link.getTargetId());
        }
        return ids;
    }

    /**
     * Makes an owner's links exactly {@code targetIds}: removes the others, adds the missing ones, and
     * keeps the metadata of links that stay.
     *
     * @return the target ids, without repeats, in id order (the order lists are answered in)
     */
    static List<String> replace(Session session, RelationSchema relation, String ownerId, List<String> targetIds) {
        Set<String> wanted = new TreeSet<>(targetIds);
        Set<String> present = new LinkedHashSet<>();
        for (LinkRow link : ofOwner(session, relation, ownerId)) {
            if (wanted.contains(link.getTargetId())) {
                present.add(link.getTargetId());
            } else {
                session.remove(link);
            }
        }
        for (String targetId : wanted) {
            if (!present.contains(targetId)) {
                add(session, relation, ownerId, targetId, null);
            }
        }
        return List.copyOf(wanted);
    }

    /**
     * Links a new record, which has no links yet, to every target.
     *
     * @return the target ids, without repeats, in id order
     */
    static List<String> addAll(Session session, RelationSchema relation, String ownerId, List<String> targetIds) {
        Set<String> wanted = new TreeSet<>(targetIds);
        for (String targetId : wanted) {
            add(session, relation, ownerId, targetId, null);
        }
        return List.copyOf(wanted);
    }

    private static List<LinkRow> where(Session session, RelationSchema relation, String attribute, String id) {
        return new ArrayList<>(where(session, relation.linkEntity(), attribute, id));
    }

    private static <L extends LinkRow> List<L> where(Session session, Class<L> entity, String attribute, String id) {
        CriteriaBuilder cb = session.getCriteriaBuilder();
        CriteriaQuery<L> query = cb.createQuery(entity);
        Root<L> root = query.from(entity);
        query.where(cb.equal(root.get(attribute), id)).orderBy(cb.asc(root.get("targetId")));
        return session.createQuery(query).getResultList();
    }

    private static LinkRow newLink(Session session, RelationSchema relation) {
        return (LinkRow) session.getSessionFactory().unwrap(SessionFactoryImplementor.class).getMappingMetamodel()
                .getEntityDescriptor(relation.linkEntity()).getRepresentationStrategy().getInstantiator()
                .instantiate();
    }
}
