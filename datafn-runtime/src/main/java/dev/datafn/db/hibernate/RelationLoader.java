package dev.datafn.db.hibernate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datafn.db.AnswerBudget;
import dev.datafn.error.DataFnException;
import dev.datafn.json.Json;
import dev.datafn.query.plan.Expansion;
import dev.datafn.schema.FieldRole;
import dev.datafn.schema.FieldSchema;
import dev.datafn.schema.FieldType;
import dev.datafn.schema.RelationSchema;
import dev.datafn.schema.ResourceSchema;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hibernate.SharedSessionContract;

/**
 * Loads expanded relations for a page: one query per relation per page (in chunks for very large id
 * sets), never one per record, selecting only the related fields asked for. The related records are
 * attached to each row under the relation's name: an object (or null) for a many-one, an array for a
 * many-many or one-many.
 */
final class RelationLoader {

    private final Statements statements;
    private final int maxPerRecord;

    /**
     * @param statements   the timeout and cancel checkpoint every statement passes
     * @param maxPerRecord the most related records one record's one-many expansion may carry, on average
     */
    RelationLoader(Statements statements, int maxPerRecord) {
        this.statements = statements;
        this.maxPerRecord = maxPerRecord;
    }

    /**
     * @param session  the session of the page's query
     * @param resource the queried resource
     * @param page     the page's rows, with the relation's key selected or loaded
     * @param json     the page's records, in the same order
     * @param e        the relation to attach
     */
    void attach(SharedSessionContract session, ResourceSchema resource, TupleRows page, List<ObjectNode> json, Expansion e) {
        RelationSchema relation = e.relation();
        switch (relation.kind()) {
            case MANY_ONE -> {
                FieldSchema key = resource.field(relation.field()).orElseThrow();
                Map<String, ObjectNode> byId = byId(session, e, page.idsIn(key));
                for (int i = 0; i < page.size(); i++) {
                    ObjectNode related = byId.get((String) page.value(i, key));
                    json.get(i).set(relation.name(), related == null ? NullNode.instance : related);
                }
            }
            case MANY_MANY -> {
                FieldSchema key = resource.field(relation.field()).orElseThrow();
                Map<String, ObjectNode> byId = byId(session, e, page.idsIn(key));
                for (int i = 0; i < page.size(); i++) {
                    ArrayNode related = json.get(i).putArray(relation.name());
                    for (Object id : (Collection<?>) page.value(i, key)) {
                        ObjectNode r = byId.get((String) id);
                        if (r != null) {
                            related.add(r);
                        }
                    }
                }
            }
            case ONE_MANY -> {
                Set<String> ids = new LinkedHashSet<>();
                for (int i = 0; i < page.size(); i++) {
                    ids.add(page.id(i));
                }
                FieldSchema backKey = e.target().field(relation.field()).orElseThrow();
                // Children are not paged: bounded at maxPerRecord per record on average, refused beyond.
                int bound = page.size() * maxPerRecord;
                TupleRows children = load(session, e, backKey, ids, bound + 1);
                if (children.size() > bound) {
                    throw DataFnException.invalid(null, "expanding '" + relation.name() + "' would load more than "
                            + bound + " records; query '" + e.target().name() + "' with a filter and paging instead");
                }
                Map<String, ArrayNode> byParent = new HashMap<>();
                for (int c = 0; c < children.size(); c++) {
                    byParent.computeIfAbsent((String) children.value(c, backKey), k -> Json.MAPPER.createArrayNode())
                            .add(children.toJson(c, e.fields()));
                }
                for (int i = 0; i < page.size(); i++) {
                    ArrayNode own = byParent.get(page.id(i));
                    json.get(i).set(relation.name(), own == null ? Json.MAPPER.createArrayNode() : own);
                }
            }
        }
    }

    private Map<String, ObjectNode> byId(SharedSessionContract session, Expansion e, Set<String> ids) {
        FieldSchema id = e.target().fields().stream().filter(f -> f.role() == FieldRole.ID).findFirst().orElseThrow();
        TupleRows found = load(session, e, id, ids, Integer.MAX_VALUE);
        Map<String, ObjectNode> out = new HashMap<>();
        for (int i = 0; i < found.size(); i++) {
            out.put(found.id(i), found.toJson(i, e.fields()));
        }
        return out;
    }

    /** Rows of the expansion's target whose {@code key} is one of {@code keys}, in id order, at most {@code most}. */
    private TupleRows load(SharedSessionContract session, Expansion e, FieldSchema key, Set<String> keys, int most) {
        ResourceSchema target = e.target();
        List<FieldSchema> needed = new ArrayList<>(e.fields());
        needed.add(key);
        List<FieldSchema> columns = TupleRows.columns(target, needed);
        List<Object[]> found = new ArrayList<>();
        List<String> all = new ArrayList<>(keys);
        for (int from = 0; from < all.size() && found.size() < most; from += LinkReads.CHUNK) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + LinkReads.CHUNK));
            HqlText hql = HqlText.in(session).append(TupleRows.select(columns, "t")).append(" from ")
                    .append(target.entityClass().getName()).append(" t where ").inNamespace("t").append(" and t.")
                    .append(key.name()).append(" in ").values(chunk).append(" order by t.id");
            List<Object[]> read = statements.guard(hql.bind(session.createSelectionQuery(hql.toString(),
                    Object[].class))).setMaxResults(most - found.size()).getResultList();
            AnswerBudget.charge(read);
            found.addAll(read);
        }
        List<FieldSchema> idLists = e.fields().stream().filter(f -> f.type() == FieldType.ID_LIST).toList();
        return TupleRows.read(found, columns, idLists, new LinkReads(session, target, statements));
    }
}
