package dev.datafn.query.plan;

import dev.datafn.error.DataFnException;
import dev.datafn.error.ErrorCode;
import dev.datafn.access.Access;
import dev.datafn.config.Limits;
import dev.datafn.json.JsonPaths;
import dev.datafn.query.ast.Filter;
import dev.datafn.query.ast.Operator;
import dev.datafn.query.ast.Query;
import dev.datafn.query.ast.TextSearch;
import dev.datafn.query.ast.SortTerm;
import dev.datafn.schema.FieldRole;
import dev.datafn.schema.FieldSchema;
import dev.datafn.schema.FieldType;
import dev.datafn.schema.ResourceSchema;
import dev.datafn.schema.Schema;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a {@link Query} against the schema and turns it into a {@link Plan}: resource and version,
 * field and relation names, operators that fit each field's type, operand types, cursors, paging
 * defaults. Record queries become a {@link QueryPlan}; grouping queries an {@link AggregatePlan}.
 */
public final class QueryPlanner {

    private final Schema schema;
    private final Limits limits;
    private final Access access;
    private final ConditionPlanner conditions;
    private final SelectPlanner select;

    /**
     * A planner for server code, which may read everything.
     *
     * @param schema the schema
     * @param limits the limits
     */
    public QueryPlanner(Schema schema, Limits limits) {
        this(schema, limits, Access.unrestricted());
    }

    /**
     * @param schema the schema
     * @param limits the limits
     * @param access what the caller may read: every resource, field and relation a query names is checked
     *               against it, and records carry only readable fields
     */
    public QueryPlanner(Schema schema, Limits limits, Access access) {
        this.schema = schema;
        this.limits = limits;
        this.access = access;
        this.conditions = new ConditionPlanner(schema, limits, access);
        this.select = new SelectPlanner(schema, access);
    }

    /** @param restricted what a caller may read @return a planner that plans that caller's queries */
    public QueryPlanner restrictedTo(Access restricted) {
        return new QueryPlanner(schema, limits, restricted);
    }

    /**
     * @param query a parsed query
     * @param path  the query's JSON path in the request, for errors
     * @return the plan
     */
    public Plan plan(Query query, String path) {
        if (query.search() != null) {
            return searched(query, path);
        }
        ResourceSchema resource = resolve(schema, query.resource(), query.version(), path);
        access.requireRead(resource, JsonPaths.child(path, "resource"));
        Condition condition = query.filter() == null ? null : conditions.records(resource, query.filter());
        int limit = query.limit() == null ? limits.maxLimit() : query.limit();
        int offset = query.offset() == null ? 0 : query.offset();
        if (query.aggregates()) {
            return new AggregatePlanner(conditions, access).plan(resource, query, condition, limit, offset, path);
        }
        if (query.having() != null) {
            throw DataFnException.invalid(JsonPaths.child(path, "having"), "having needs groupBy or aggregations");
        }
        List<QueryPlan.Order> order = order(resource, query.sort());
        List<Object> after = query.cursor() == null ? null
                : PageCursors.decode(query.cursor(), order, JsonPaths.child(path, "cursor"));
        SelectPlanner.Selection selection = select.plan(resource, query, path);
        return new QueryPlan(resource, selection.fields(), selection.expansions(), condition, order, after, limit,
                offset, query.count());
    }

    /**
     * A query with a {@code search} block: the plan of the query without it, and the fields to search. Without
     * a sort (and not aggregating), records come in relevance order, and the cursor is a relevance cursor.
     */
    private SearchPlan searched(Query query, String path) {
        TextSearch search = query.search();
        boolean byRelevance = !query.aggregates() && query.sort().isEmpty();
        RelevanceCursor after = byRelevance && query.cursor() != null
                ? RelevanceCursor.decode(query.cursor(), JsonPaths.child(path, "cursor")) : null;
        Plan template = plan(new Query(query.resource(), query.version(), query.select(), query.omit(), query.filter(),
                query.sort(), query.limit(), query.offset(), byRelevance ? null : query.cursor(), query.count(),
                query.groupBy(), query.aggregations(), query.having(), null), path);
        return new SearchPlan(template, search, searchedFields(template.resource(), search), byRelevance, after);
    }

    /** The fields a search looks in: those it names, or every searchable one the caller may read. */
    private List<FieldSchema> searchedFields(ResourceSchema resource, TextSearch search) {
        List<FieldSchema> searchable = resource.fields().stream().filter(FieldSchema::searchable).toList();
        if (searchable.isEmpty()) {
            throw DataFnException.invalid(search.path(), "resource '" + resource.name() + "' has no searchable "
                    + "field (@Field(searchable = true))");
        }
        List<FieldSchema> fields = new ArrayList<>();
        if (search.fields().isEmpty()) {
            searchable.stream().filter(f -> access.mayRead(resource, f)).forEach(fields::add);
        } else {
            String fieldsPath = JsonPaths.child(search.path(), "fields");
            for (int i = 0; i < search.fields().size(); i++) {
                String itemPath = JsonPaths.index(fieldsPath, i);
                FieldSchema field = field(resource, search.fields().get(i), itemPath);
                if (!field.searchable()) {
                    throw DataFnException.invalid(itemPath, "field '" + field.name() + "' is not searchable; "
                            + "searchable: " + String.join(", ", searchable.stream().map(FieldSchema::name).toList()));
                }
                access.requireRead(resource, field, itemPath);
                if (!fields.contains(field)) {
                    fields.add(field);
                }
            }
        }
        for (String boosted : search.fieldBoosts().keySet()) {
            if (fields.stream().noneMatch(f -> f.name().equals(boosted))) {
                throw DataFnException.invalid(JsonPaths.child(JsonPaths.child(search.path(), "fieldBoosts"), boosted),
                        "'" + boosted + "' is not one of the fields searched");
            }
        }
        return fields;
    }

    /**
     * Plans the read behind a mutation's {@code if} guard: the record with this id, only when it matches
     * the filter.
     *
     * @param resource the resource
     * @param id       the record id
     * @param guard    the guard filter
     * @return a plan that finds at most the one record
     */
    public QueryPlan guard(ResourceSchema resource, String id, Filter guard) {
        // The guard reads the record: a caller may only test fields it may read, or it could learn them.
        Condition condition = new Condition.AllOf(List.of(
                new Condition.FieldTest(resource.idField(), Operator.EQ, id), conditions.records(resource, guard)));
        return new QueryPlan(resource, resource.fields(), List.of(), condition,
                List.of(new QueryPlan.Order(resource.idField(), true)), null, 1, 0, false);
    }

    /** The requested sort keys, then the id ascending as the tiebreaker that makes keyset paging exact. */
    private List<QueryPlan.Order> order(ResourceSchema resource, List<SortTerm> terms) {
        List<QueryPlan.Order> order = new ArrayList<>();
        Set<String> sorted = new LinkedHashSet<>();
        for (SortTerm term : terms) {
            FieldSchema field = field(resource, term.field(), term.path());
            access.requireRead(resource, field, term.path());
            requireSortable(field, term.path());
            // Keys after the id never decide (ids are unique), so the order ends at the id: a keyset
            // position then always ends with a key that has rows after it.
            boolean decided = sorted.contains(resource.idField().name());
            if (!sorted.add(field.name())) {
                throw DataFnException.invalid(term.path(), "field '" + field.name() + "' is sorted by twice");
            }
            if (!decided) {
                order.add(new QueryPlan.Order(field, term.ascending()));
            }
        }
        if (!sorted.contains(resource.idField().name())) {
            order.add(new QueryPlan.Order(resource.idField(), true));
        }
        return order;
    }

    /**
     * Refuses sorting by a field whose values have no order.
     *
     * @param field the field
     * @param path  where the request sorts by it
     */
    static void requireSortable(FieldSchema field, String path) {
        if (field.type() == FieldType.JSON || field.type() == FieldType.ID_LIST) {
            throw DataFnException.invalid(path, "cannot sort by field '" + field.name() + "' of type "
                    + field.type().wireName());
        }
    }

    /**
     * Finds a resource and checks the version a request carries. Shared by every surface.
     *
     * @param schema  the schema
     * @param name    the resource name sent
     * @param version the version sent
     * @param path    the path of the request object
     * @return the resource
     */
    public static ResourceSchema resolve(Schema schema, String name, int version, String path) {
        ResourceSchema resource = schema.resource(name).orElseThrow(() -> new DataFnException(
                ErrorCode.DFQL_UNKNOWN_RESOURCE, "unknown resource '" + name + "'; this server has "
                + schema.resources().stream().map(ResourceSchema::name).toList(), JsonPaths.child(path, "resource")));
        if (resource.version() != version) {
            throw DataFnException.invalid(JsonPaths.child(path, "version"), "resource '" + name + "' is at version "
                    + resource.version() + ", the request says " + version);
        }
        return resource;
    }

    /**
     * @param resource the resource
     * @param name     a field name from the request
     * @param path     where the request names it
     * @return the field
     */
    public static FieldSchema field(ResourceSchema resource, String name, String path) {
        return resource.field(name).orElseThrow(() -> new DataFnException(ErrorCode.DFQL_UNKNOWN_FIELD,
                "resource '" + resource.name() + "' has no field '" + name + "'", path));
    }

    /** @return whether the field is the resource's id */
    static boolean isId(FieldSchema field) {
        return field.role() == FieldRole.ID;
    }
}
