package dev.datafn.db.hibernate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datafn.db.EntityRows;
import dev.datafn.error.DataFnException;
import dev.datafn.internal.NamespacedRow;
import dev.datafn.json.Json;
import dev.datafn.query.plan.Expansion;
import dev.datafn.schema.FieldSchema;
import dev.datafn.schema.RelationSchema;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Root;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hibernate.Session;

/**
 * Loads expanded relations for a page: one query per relation per page (in chunks for very large id
 * sets), never one per record. The related records are attached to each row under the relation's
 * name: an object (or null) for a many-one, an array for a many-many or one-many.
 */
final class RelationLoader {

    /** Ids bound in one IN list; keeps statements within every database's parameter limit. */
    private static final int CHUNK = 500;

    private final Map<String, EntityRows> rows;
    private final Statements statements;
    private final int maxPerRecord;

    RelationLoader(Map<String, EntityRows> rows, Statements statements, int maxPerRecord) {
        this.rows = rows;
        this.statements = statements;
        this.maxPerRecord = maxPerRecord;
    }

    /**
     * @param session  the session of the page's query
     * @param access   entity access of the queried resource
     * @param entities the page's entities
     * @param json     the page's rows, in the same order
     * @param e        the relation to attach
     */
    @SuppressWarnings("unchecked")
    void attach(Session session, EntityRows access, List<?> entities, List<ObjectNode> json, Expansion e) {
        RelationSchema relation = e.relation();
        EntityRows target = rows.get(e.target().name());
        switch (relation.kind()) {
            case MANY_ONE -> {
                FieldSchema key = access.resource().field(relation.field()).orElseThrow();
                Set<String> ids = new LinkedHashSet<>();
                entities.forEach(entity -> addIfPresent(ids, (String) access.get(entity, key)));
                Map<String, ObjectNode> byId = byId(load(session, target, "id", ids, Integer.MAX_VALUE), target, e);
                for (int i = 0; i < entities.size(); i++) {
                    ObjectNode related = byId.get((String) access.get(entities.get(i), key));
                    json.get(i).set(relation.name(), related == null ? NullNode.instance : related);
                }
            }
            case MANY_MANY -> {
                FieldSchema key = access.resource().field(relation.field()).orElseThrow();
                Set<String> ids = new LinkedHashSet<>();
                entities.forEach(entity -> ids.addAll((Collection<String>) access.get(entity, key)));
                Map<String, ObjectNode> byId = byId(load(session, target, "id", ids, Integer.MAX_VALUE), target, e);
                for (int i = 0; i < entities.size(); i++) {
                    ArrayNode related = json.get(i).putArray(relation.name());
                    for (String id : (Collection<String>) access.get(entities.get(i), key)) {
                        ObjectNode r = byId.get(id);
                        if (r != null) {
                            related.add(r);
                        }
                    }
                }
            }
            case ONE_MANY -> {
                Set<String> ids = new LinkedHashSet<>();
                entities.forEach(entity -> ids.add(((NamespacedRow) entity).getId()));
                FieldSchema backKey = e.target().field(relation.field()).orElseThrow();
                Map<String, ArrayNode> byParent = new HashMap<>();
                // Children are not paged: bounded at maxPerRecord per record on average, refused beyond.
                int bound = entities.size() * maxPerRecord;
                List<?> children = load(session, target, relation.field(), ids, bound + 1);
                if (children.size() > bound) {
                    throw DataFnException.invalid(null, "expanding '" + relation.name() + "' would load more than "
                            + bound + " records; query '" + e.target().name() + "' with a filter and paging instead");
                }
                for (Object child : children) {
                    byParent.computeIfAbsent((String) target.get(child, backKey), k -> Json.MAPPER.createArrayNode())
                            .add(target.toJson(child, e.fields()));
                }
                for (int i = 0; i < entities.size(); i++) {
                    ArrayNode own = byParent.get(((NamespacedRow) entities.get(i)).getId());
                    json.get(i).set(relation.name(), own == null ? Json.MAPPER.createArrayNode() : own);
                }
            }
        }
    }

    private static void addIfPresent(Set<String> ids, String id) {
        if (id != null) {
            ids.add(id);
        }
    }

    private static Map<String, ObjectNode> byId(List<?> entities, EntityRows target, Expansion e) {
        Map<String, ObjectNode> out = new HashMap<>();
        for (Object entity : entities) {
            out.put(((NamespacedRow) entity).getId(), target.toJson(entity, e.fields()));
        }
        return out;
    }

    /** Rows of the target whose {@code attribute} is one of {@code keys}, ordered by id. */
    private List<?> load(Session session, EntityRows target, String attribute, Set<String> keys, int most) {
        List<Object> out = new ArrayList<>();
        List<String> all = new ArrayList<>(keys);
        for (int from = 0; from < all.size() && out.size() < most; from += CHUNK) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
            CriteriaBuilder cb = session.getCriteriaBuilder();
            CriteriaQuery<Object> q = cb.createQuery();
            Root<?> root = q.from(target.resource().entityClass());
            q.select(root).where(root.get(attribute).in(chunk)).orderBy(cb.asc(root.get("id")));
            out.addAll(statements.guard(session.createQuery(q)).setMaxResults(most - out.size()).getResultList());
        }
        return out;
    }
}
