package dev.datafn.db;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datafn.query.ast.Operator;
import dev.datafn.query.plan.AggregatePlan;
import dev.datafn.query.plan.Condition;
import dev.datafn.query.plan.Plan;
import dev.datafn.query.plan.QueryPlan;
import dev.datafn.query.plan.RelevanceCursor;
import dev.datafn.query.plan.SearchPlan;
import dev.datafn.schema.FieldSchema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.SharedSessionContract;

/**
 * Runs a {@link SearchPlan} once its search has ranked the matching records: the template plan with the
 * condition "the id is one the search found" added, so filters, select, expansions and counts read exactly as
 * a query naming those ids would. With a sort or when aggregating, that is all. In relevance order, the
 * ranked ids after the cursor are read in chunks, each through the template plan, and kept in rank order
 * until the page (with its offset, and one more to know whether more follow) is full.
 */
final class SearchedQuery {

    /** Ranked ids read per statement in relevance order, at least. */
    private static final int MIN_CHUNK = 100;
    /** Ranked ids read per statement in relevance order, at most. */
    private static final int MAX_CHUNK = 1_000;

    private final QueryExecutor executor;
    private final Runnable checkpoint;

    /**
     * @param executor   runs the narrowed plans
     * @param checkpoint called between statements, to stop a cancelled query
     */
    SearchedQuery(QueryExecutor executor, Runnable checkpoint) {
        this.executor = executor;
        this.checkpoint = checkpoint;
    }

    /**
     * @param session the reading session, in the plan's namespace
     * @param plan    the plan
     * @param ranked  the search's matches, best first
     * @return the answer
     */
    QueryResult execute(SharedSessionContract session, SearchPlan plan, List<SearchHit> ranked) {
        List<String> ids = ranked.stream().map(SearchHit::id).toList();
        if (!plan.byRelevance()) {
            return executor.execute(session, narrowed(plan.template(), ids), checkpoint);
        }
        QueryPlan template = (QueryPlan) plan.template();
        List<SearchHit> after = plan.after() == null ? ranked
                : ranked.stream().filter(h -> plan.after().precedes(h.score(), h.id())).toList();
        Long count = template.count() ? executor.execute(session, narrowedCount(template, ids), checkpoint).count() : null;
        int wanted = template.offset() + template.limit() + 1;
        FieldSchema id = template.resource().idField();
        boolean idSelected = template.output().contains(id);
        List<FieldSchema> output = new ArrayList<>(template.output());
        if (!idSelected) {
            output.add(id);
        }
        List<ObjectNode> found = new ArrayList<>();
        List<SearchHit> foundHits = new ArrayList<>();
        int chunk = Math.min(MAX_CHUNK, Math.max(MIN_CHUNK, 2 * wanted));
        for (int from = 0; from < after.size() && found.size() < wanted && template.limit() > 0; from += chunk) {
            List<SearchHit> hits = after.subList(from, Math.min(after.size(), from + chunk));
            QueryPlan read = new QueryPlan(template.resource(), output, template.expansions(),
                    withIds(template.condition(), template.resource().idField(), hits.stream().map(SearchHit::id).toList()),
                    template.order(), null, hits.size(), 0, false);
            Map<String, ObjectNode> byId = new HashMap<>();
            for (ObjectNode record : executor.execute(session, read, checkpoint).data()) {
                byId.put(record.path(id.name()).asText(), record);
            }
            for (SearchHit hit : hits) {
                ObjectNode record = byId.get(hit.id());
                if (record != null && found.size() < wanted) {
                    found.add(record);
                    foundHits.add(hit);
                }
            }
        }
        int end = Math.min(found.size(), template.offset() + template.limit());
        List<ObjectNode> page = template.offset() >= end ? List.of() : found.subList(template.offset(), end);
        if (!idSelected) {
            page.forEach(record -> record.remove(id.name()));
        }
        boolean hasMore = found.size() > end;
        String next = null;
        if (hasMore && !page.isEmpty()) {
            SearchHit last = foundHits.get(end - 1);
            next = new RelevanceCursor(last.score(), last.id()).encode();
        }
        return new QueryResult(List.copyOf(page), hasMore, next, count);
    }

    /** The template plan narrowed to the ids. */
    private static Plan narrowed(Plan template, List<String> ids) {
        return switch (template) {
            case QueryPlan q -> new QueryPlan(q.resource(), q.output(), q.expansions(),
                    withIds(q.condition(), q.resource().idField(), ids), q.order(), q.after(), q.limit(), q.offset(),
                    q.count());
            case AggregatePlan a -> new AggregatePlan(a.resource(), withIds(a.condition(), a.resource().idField(), ids),
                    a.groupBy(), a.aggregations(), a.having(), a.order(), a.limit(), a.offset());
            case SearchPlan s -> throw new IllegalStateException("a search plan's template is never searched");
        };
    }

    /** The count of the template's records among the ids, and no page. */
    private static QueryPlan narrowedCount(QueryPlan q, List<String> ids) {
        return new QueryPlan(q.resource(), q.output(), List.of(), withIds(q.condition(), q.resource().idField(), ids),
                q.order(), null, 0, 0, true);
    }

    private static Condition withIds(Condition condition, FieldSchema idField, List<String> ids) {
        // An empty list matches nothing, on every database, without a statement that lists nothing.
        Condition among = new Condition.FieldTest(idField, Operator.IN, List.copyOf(ids));
        return condition == null ? among : new Condition.AllOf(List.of(condition, among));
    }
}
