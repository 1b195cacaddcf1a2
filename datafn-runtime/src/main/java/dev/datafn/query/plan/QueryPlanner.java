package dev.datafn.query.plan;

import dev.datafn.DataFnException;
import dev.datafn.ErrorCode;
import dev.datafn.Limits;
import dev.datafn.json.JsonPaths;
import dev.datafn.query.ast.Filter;
import dev.datafn.query.ast.Query;
import dev.datafn.query.ast.SortTerm;
import dev.datafn.schema.FieldSchema;
import dev.datafn.schema.FieldType;
import dev.datafn.schema.ResourceSchema;
import dev.datafn.schema.Schema;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a {@link Query} against the schema and turns it into a {@link QueryPlan}: resource and
 * version, field names, operators that fit each field's type, operand types, paging defaults.
 */
public final class QueryPlanner {

    private final Schema schema;
    private final Limits limits;

    /**
     * @param schema the schema
     * @param limits the limits
     */
    public QueryPlanner(Schema schema, Limits limits) {
        this.schema = schema;
        this.limits = limits;
    }

    /**
     * @param query a parsed query
     * @param path  the query's JSON path in the request, for errors
     * @return the plan
     */
    public QueryPlan plan(Query query, String path) {
        ResourceSchema resource = resolve(schema, query.resource(), query.version(), path);
        List<FieldSchema> output = output(resource, query, path);
        Condition condition = query.filter() == null ? null : condition(resource, query.filter());
        List<QueryPlan.Order> order = new ArrayList<>();
        Set<String> sorted = new LinkedHashSet<>();
        for (SortTerm term : query.sort()) {
            FieldSchema field = field(resource, term.field(), term.path());
            if (!Operators.orderable(field.type()) && field.type() != FieldType.BOOLEAN
                    && field.type() != FieldType.ENUM) {
                throw DataFnException.invalid(term.path(), "cannot sort by field '" + field.name() + "' of type "
                        + field.type().wireName());
            }
            if (!sorted.add(field.name())) {
                throw DataFnException.invalid(term.path(), "field '" + field.name() + "' is sorted by twice");
            }
            order.add(new QueryPlan.Order(field, term.ascending()));
        }
        int limit = query.limit() == null ? limits.maxLimit() : query.limit();
        int offset = query.offset() == null ? 0 : query.offset();
        return new QueryPlan(resource, output, condition, order, limit, offset, query.count());
    }

    /**
     * Finds a resource and checks the version a request carries. Shared by every surface.
     *
     * @param schema   the schema
     * @param name     the resource name sent
     * @param version  the version sent
     * @param path     the path of the request object
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

    private static List<FieldSchema> output(ResourceSchema resource, Query query, String path) {
        Set<String> wanted = null;
        if (query.select() != null) {
            wanted = new LinkedHashSet<>();
            for (int i = 0; i < query.select().size(); i++) {
                String token = query.select().get(i);
                String tokenPath = JsonPaths.index(JsonPaths.child(path, "select"), i);
                if (token.equals("*")) {
                    wanted = null;
                    break;
                }
                if (token.contains(".")) {
                    throw new DataFnException(ErrorCode.DFQL_UNSUPPORTED,
                            "relation expansion ('" + token + "') is not enabled on this server", tokenPath);
                }
                wanted.add(field(resource, token, tokenPath).name());
            }
        }
        for (int i = 0; i < query.omit().size(); i++) {
            field(resource, query.omit().get(i), JsonPaths.index(JsonPaths.child(path, "omit"), i));
        }
        List<FieldSchema> out = new ArrayList<>();
        for (FieldSchema f : resource.fields()) {
            if ((wanted == null || wanted.contains(f.name())) && !query.omit().contains(f.name())) {
                out.add(f);
            }
        }
        return out;
    }

    private Condition condition(ResourceSchema resource, Filter filter) {
        return switch (filter) {
            case Filter.And and -> new Condition.AllOf(and.filters().stream().map(f -> condition(resource, f)).toList());
            case Filter.Or or -> new Condition.AnyOf(or.filters().stream().map(f -> condition(resource, f)).toList());
            case Filter.Not not -> new Condition.Negation(condition(resource, not.filter()));
            case Filter.Comparison c -> {
                FieldSchema field = field(resource, c.field(), c.path());
                yield new Condition.FieldTest(field, c.operator(), Operators.operand(field, c.operator(), c.operand(),
                        c.path(), limits));
            }
        };
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

}
