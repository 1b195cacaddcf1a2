package dev.datafn.query.parse;

import dev.datafn.error.DataFnException;
import dev.datafn.config.Limits;
import dev.datafn.json.JsonPaths;
import dev.datafn.json.JsonReader;
import com.fasterxml.jackson.databind.JsonNode;
import dev.datafn.query.ast.AggregateFunction;
import dev.datafn.query.ast.Aggregation;
import dev.datafn.query.ast.Filter;
import dev.datafn.query.ast.Query;
import dev.datafn.query.ast.TextSearch;
import dev.datafn.query.ast.SortTerm;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Parses DFQL JSON into a {@link Query}. It checks shape only (members, JSON types, limits on sizes);
 * field names and value types are checked against the schema afterwards.
 */
public final class QueryParser {

    /** The members of a DFQL query this server understands. */
    static final Set<String> MEMBERS = Set.of("resource", "version", "select", "omit", "filters", "search", "sort",
            "limit", "offset", "cursor", "count", "groupBy", "aggregations", "having");

    private final Limits limits;

    /** @param limits the limits sizes are checked against */
    public QueryParser(Limits limits) {
        this.limits = limits;
    }

    /**
     * Parses a filter object on its own, as a mutation's {@code if} guard carries it.
     *
     * @param json the filter object
     * @param path its path in the request
     * @return the filter
     */
    public Filter parseFilter(JsonNode json, String path) {
        return new FilterParser(limits).parse(json, path);
    }

    /**
     * @param json the query object
     * @param path its path in the request ({@code ""} for a body, {@code "steps[0].query"} inside a transaction)
     * @return the query
     */
    public Query parse(JsonNode json, String path) {
        JsonReader in = JsonReader.of(json, path, MEMBERS);
        String resource = in.requiredText("resource");
        int version = in.requiredInt("version");
        List<String> select = in.optionalTextArray("select");
        if (select != null && select.size() > limits.maxSelectTokens()) {
            throw DataFnException.invalid(in.pathOf("select"),
                    "at most " + limits.maxSelectTokens() + " select tokens are allowed (maxSelectTokens)");
        }
        List<String> omit = in.optionalTextArray("omit");
        FilterParser filters = new FilterParser(limits);
        Filter filter = in.has("filters") ? filters.parse(in.get("filters"), in.pathOf("filters")) : null;
        List<SortTerm> sort = parseSort(in);
        Integer limit = in.optionalInt("limit", 0);
        if (limit != null && limit > limits.maxLimit()) {
            throw DataFnException.invalid(in.pathOf("limit"),
                    "limit " + limit + " is over the maximum of " + limits.maxLimit() + " (maxLimit)");
        }
        Integer offset = in.optionalInt("offset", 0);
        String cursor = parseCursor(in);
        if (cursor != null && offset != null) {
            throw DataFnException.invalid(in.pathOf("cursor"), "use cursor or offset to page, not both");
        }
        boolean count = in.optionalBoolean("count", false);
        List<String> groupBy = in.optionalTextArray("groupBy");
        List<Aggregation> aggregations = parseAggregations(in);
        Filter having = in.has("having") ? filters.parse(in.get("having"), in.pathOf("having")) : null;
        TextSearch search = in.has("search") ? SearchParser.block(in.get("search"), in.pathOf("search")) : null;
        return new Query(resource, version, select, omit, filter, sort, limit, offset, cursor, count, groupBy,
                aggregations, having, search);
    }

    /** The cursor is an opaque string; {@code {"after": "..."}} is accepted as the same thing. */
    private static String parseCursor(JsonReader in) {
        JsonNode cursor = in.get("cursor");
        if (cursor == null) {
            return null;
        }
        if (cursor.isObject() && cursor.size() == 1 && cursor.path("after").isTextual()) {
            return cursor.get("after").textValue();
        }
        if (!cursor.isTextual()) {
            throw DataFnException.invalid(in.pathOf("cursor"), "cursor must be the nextCursor string of a page");
        }
        return cursor.textValue();
    }

    private List<Aggregation> parseAggregations(JsonReader in) {
        var object = in.optionalObject("aggregations");
        if (object == null) {
            return List.of();
        }
        if (object.size() > limits.maxAggregations()) {
            throw DataFnException.invalid(in.pathOf("aggregations"),
                    "at most " + limits.maxAggregations() + " aggregations are allowed (maxAggregations)");
        }
        List<Aggregation> out = new ArrayList<>(object.size());
        var members = object.fields();
        while (members.hasNext()) {
            var member = members.next();
            String path = JsonPaths.child(in.pathOf("aggregations"), member.getKey());
            JsonReader spec = JsonReader.of(member.getValue(), path, Set.of("fn", "field"));
            String fnName = spec.requiredText("fn");
            AggregateFunction fn = AggregateFunction.fromWire(fnName).orElseThrow(() -> DataFnException.invalid(
                    spec.pathOf("fn"), "unknown aggregate function '" + fnName
                            + "'; use count, countDistinct, sum, avg, min or max"));
            out.add(new Aggregation(member.getKey(), fn, spec.optionalText("field"), path));
        }
        return out;
    }

    private List<SortTerm> parseSort(JsonReader in) {
        List<String> terms = in.optionalTextArray("sort");
        if (terms == null) {
            return List.of();
        }
        if (terms.size() > limits.maxSortFields()) {
            throw DataFnException.invalid(in.pathOf("sort"),
                    "at most " + limits.maxSortFields() + " sort fields are allowed (maxSortFields)");
        }
        List<SortTerm> out = new ArrayList<>(terms.size());
        for (int i = 0; i < terms.size(); i++) {
            String term = terms.get(i);
            String termPath = JsonPaths.index(in.pathOf("sort"), i);
            int colon = term.lastIndexOf(':');
            String field = colon < 0 ? term : term.substring(0, colon);
            String direction = colon < 0 ? "asc" : term.substring(colon + 1);
            if (field.isEmpty() || !(direction.equals("asc") || direction.equals("desc"))) {
                throw DataFnException.invalid(termPath,
                        "sort terms look like \"field:asc\" or \"field:desc\", got \"" + term + "\"");
            }
            out.add(new SortTerm(field, direction.equals("asc"), termPath));
        }
        return out;
    }
}
