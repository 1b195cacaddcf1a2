package dev.datafn.db.hibernate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datafn.db.AnswerBudget;
import dev.datafn.db.EntityRows;
import dev.datafn.db.QueryResult;
import dev.datafn.query.plan.Expansion;
import dev.datafn.query.plan.PageCursors;
import dev.datafn.query.plan.QueryPlan;
import dev.datafn.schema.FieldRole;
import dev.datafn.schema.FieldSchema;
import dev.datafn.schema.FieldType;
import dev.datafn.schema.RecordJsonWriter;
import dev.datafn.schema.RelationKind;
import dev.datafn.schema.ResourceSchema;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hibernate.SharedSessionContract;
import org.hibernate.query.SelectionQuery;

/**
 * Runs record queries as HQL selecting only the columns the answer needs: the id, the output fields, the sort
 * keys and the keys of expanded relations. Filter, sort and keyset or offset paging go to SQL with every value
 * a parameter, so each query shape is one statement text, translated once by Hibernate and prepared once by
 * the database. Every entity read, including those of subqueries and expanded relations, is tested against
 * the session's namespace in the statement itself ({@link HqlText#inNamespace}).
 */
final class RecordQueries {

    /** The most record writers kept per resource. */
    static final int MOST_WRITERS = 1_000;

    private final Map<String, EntityRows> rows;
    private final HqlConditions conditions;
    private final Statements statements;
    private final int maxRelated;
    private final Map<WriterShape, RecordJsonWriter> writers;

    /**
     * @param rows       entity access by resource name, for value conversion
     * @param conditions writes filters
     * @param statements the timeout and cancel checkpoint every statement passes
     * @param maxRelated the most related records one record's one-many expansion may carry
     * @param writers    the record writers built so far, by {@link WriterShape}: each shape of page is
     *                   written by one writer, built once
     */
    RecordQueries(Map<String, EntityRows> rows, HqlConditions conditions, Statements statements, int maxRelated,
            Map<WriterShape, RecordJsonWriter> writers) {
        this.rows = rows;
        this.conditions = conditions;
        this.statements = statements;
        this.maxRelated = maxRelated;
        this.writers = writers;
    }

    /**
     * What a page's writer depends on, besides its resource: the columns read and the fields written.
     *
     * @param columns the columns, in the order they are read
     * @param output  the fields written
     */
    record WriterShape(List<FieldSchema> columns, List<FieldSchema> output) {
    }

    /**
     * @param session a session bound to the namespace read
     * @param plan    the plan
     * @return the page, its cursor and count
     */
    QueryResult execute(SharedSessionContract session, QueryPlan plan) {
        ResourceSchema resource = plan.resource();
        Long count = plan.count() ? count(session, plan) : null;
        if (plan.limit() == 0) {
            // A count-only request: no page to read, and so nothing after it.
            return new QueryResult(List.of(), false, null, count);
        }
        List<FieldSchema> columns = TupleRows.columns(resource, needed(plan));
        HqlText hql = HqlText.in(session).append(TupleRows.select(columns, "e")).append(" from ")
                .append(resource.entityClass().getName()).append(" e");
        where(hql, plan);
        orderBy(hql, plan.order());
        SelectionQuery<Object[]> query = hql.bind(session.createSelectionQuery(hql.toString(), Object[].class));
        if (plan.offset() > 0) {
            query.setFirstResult(plan.offset());
        }
        List<Object[]> found = statements.guard(query).setMaxResults(plan.limit() + 1).getResultList();
        AnswerBudget.charge(found);
        boolean hasMore = found.size() > plan.limit();
        List<Object[]> page = hasMore ? found.subList(0, plan.limit()) : found;

        TupleRows tuples = TupleRows.read(page, columns, idLists(plan), new LinkReads(session, resource, statements));
        String nextCursor = hasMore && tuples.size() > 0 ? cursorAfter(plan, tuples, tuples.size() - 1) : null;
        if (plan.expansions().isEmpty()) {
            // Nothing nests in the records: they are written from the columns as they were read.
            WriterShape key = new WriterShape(columns, plan.output());
            RecordJsonWriter writer = writers.get(key);
            if (writer == null) {
                writer = TupleRows.writer(resource, columns, plan.output());
                // Callers choose the selected fields, so shapes are many only when they make them so: past
                // MOST_WRITERS a resource's new shapes are written by writers used once.
                if (writers.size() < MOST_WRITERS) {
                    writers.put(key, writer);
                }
            }
            return QueryResult.of(tuples.records(writer), hasMore, nextCursor, count);
        }
        List<ObjectNode> data = new ArrayList<>(tuples.size());
        for (int i = 0; i < tuples.size(); i++) {
            data.add(tuples.toJson(i, plan.output()));
        }
        RelationLoader relations = new RelationLoader(statements, maxRelated);
        for (Expansion expansion : plan.expansions()) {
            relations.attach(session, resource, tuples, data, expansion);
        }
        return new QueryResult(data, hasMore, nextCursor, count);
    }

    /** The fields a page's rows must carry: the output, the sort keys, and the keys of expanded relations. */
    private static List<FieldSchema> needed(QueryPlan plan) {
        List<FieldSchema> needed = new ArrayList<>(plan.output());
        plan.order().forEach(o -> needed.add(o.field()));
        for (Expansion e : plan.expansions()) {
            if (e.relation().kind() != RelationKind.ONE_MANY) {
                needed.add(plan.resource().field(e.relation().field()).orElseThrow());
            }
        }
        return needed;
    }

    /** The id lists a page loads: those of the output and those many-many expansions follow. */
    private static Set<FieldSchema> idLists(QueryPlan plan) {
        Set<FieldSchema> out = new LinkedHashSet<>();
        for (FieldSchema f : needed(plan)) {
            if (f.type() == FieldType.ID_LIST) {
                out.add(f);
            }
        }
        return out;
    }

    private void where(HqlText hql, QueryPlan plan) {
        hql.append(" where ").inNamespace("e");
        if (plan.condition() != null) {
            hql.append(" and ");
            conditions.write(hql, "e", plan.resource(), plan.condition());
        }
        if (plan.after() != null) {
            hql.append(" and ");
            after(hql, plan);
        }
    }

    /**
     * (k1 after v1) or (k1 = v1 and k2 after v2) or ... — the rows that sort after the cursor's position.
     * Nulls are the largest value (last ascending, first descending) on every database, PostgreSQL's own
     * order, so a btree index serves the sort in either direction; the id ends every order, so each
     * position is exact and a page never repeats or skips a record, however deep.
     */
    private void after(HqlText hql, QueryPlan plan) {
        EntityRows access = rows.get(plan.resource().name());
        List<String> alternatives = new ArrayList<>();
        StringBuilder equalPrefix = new StringBuilder();
        for (int i = 0; i < plan.order().size(); i++) {
            QueryPlan.Order o = plan.order().get(i);
            String key = "e." + o.field().name();
            Object value = access.attributeValue(o.field(), plan.after().get(i));
            String beyond = beyond(hql, key, value, o.ascending(), o.field().role() == FieldRole.ID);
            if (beyond != null) {
                alternatives.add("(" + equalPrefix + beyond + ")");
            }
            if (i + 1 < plan.order().size()) {
                // Only a later key's branch holds this key equal; every value bound must appear in the text.
                equalPrefix.append(value == null ? key + " is null" : key + " = " + hql.placeholder(value))
                        .append(" and ");
            }
        }
        hql.append(alternatives.isEmpty() ? "1 = 0" : "(" + String.join(" or ", alternatives) + ")");
    }

    /**
     * The rows strictly after {@code value} on one key, or {@code null} when none can be. A key that is never
     * null (the id) has no null branch: {@code id > ?} alone is a range an index reads from its start, where
     * {@code id > ? or id is null} would make PostgreSQL read the namespace's index from its first entry.
     */
    private static String beyond(HqlText hql, String key, Object value, boolean ascending, boolean neverNull) {
        if (ascending) {
            if (value == null) {
                return null;
            }
            String greater = key + " > " + hql.placeholder(value);
            return neverNull ? greater : "(" + greater + " or " + key + " is null)";
        }
        return value == null ? key + " is not null" : key + " < " + hql.placeholder(value);
    }

    private static void orderBy(HqlText hql, List<QueryPlan.Order> order) {
        hql.append(" order by ");
        for (int i = 0; i < order.size(); i++) {
            QueryPlan.Order o = order.get(i);
            hql.append(i == 0 ? "" : ", ").append("e.").append(o.field().name())
                    .append(o.ascending() ? " asc nulls last" : " desc nulls first");
        }
    }

    private static String cursorAfter(QueryPlan plan, TupleRows tuples, int last) {
        List<Object> values = new ArrayList<>(plan.order().size());
        plan.order().forEach(o -> values.add(tuples.value(last, o.field())));
        return PageCursors.encode(plan.order(), values);
    }

    private Long count(SharedSessionContract session, QueryPlan plan) {
        HqlText hql = HqlText.in(session).append("select count(*) from ")
                .append(plan.resource().entityClass().getName()).append(" e where ").inNamespace("e");
        if (plan.condition() != null) {
            hql.append(" and ");
            conditions.write(hql, "e", plan.resource(), plan.condition());
        }
        return statements.guard(hql.bind(session.createSelectionQuery(hql.toString(), Long.class))).getSingleResult();
    }
}
