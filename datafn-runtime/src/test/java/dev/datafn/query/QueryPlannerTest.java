package dev.datafn.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.datafn.error.DataFnException;
import dev.datafn.error.ErrorCode;
import dev.datafn.config.Limits;
import dev.datafn.json.Json;
import dev.datafn.query.ast.Filter;
import dev.datafn.query.ast.Operator;
import dev.datafn.query.ast.Query;
import dev.datafn.query.parse.QueryParser;
import dev.datafn.query.plan.Condition;
import dev.datafn.query.plan.QueryPlan;
import dev.datafn.query.plan.QueryPlanner;
import dev.datafn.schema.TestSchemas;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Parsing and planning without a database: the query is a value. */
class QueryPlannerTest {

    private final Limits limits = Limits.DEFAULTS.toBuilder().maxLimit(10).maxFilterKeysPerLevel(3).build();
    private final QueryParser parser = new QueryParser(limits);
    private final QueryPlanner planner = new QueryPlanner(TestSchemas.notes(), limits);

    private Query parse(String json) {
        try {
            return parser.parse(Json.MAPPER.readTree(json), "");
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private QueryPlan plan(String json) {
        return (QueryPlan) planner.plan(parse(json), "");
    }

    @Test
    void parsesIntoTheAstWithPaths() {
        Query q = parse("""
                {"resource": "notes", "version": 1, "filters": {"stars": {"$gte": 3}, "$or": [{"done": true}]},
                 "sort": ["stars:desc", "title"], "limit": 5}""");
        assertThat(q.filter()).isInstanceOfSatisfying(Filter.And.class, and -> {
            assertThat(and.filters().get(0)).isEqualTo(new Filter.Comparison("stars", Operator.GTE,
                    Json.MAPPER.getNodeFactory().numberNode(3), "filters.stars.$gte"));
            assertThat(and.filters().get(1)).isInstanceOf(Filter.Or.class);
        });
        assertThat(q.sort()).extracting(s -> s.field() + ":" + s.ascending()).containsExactly("stars:false", "title:true");
        assertThat(q.limit()).isEqualTo(5);
    }

    @Test
    void planTypesOperandsAndAppliesDefaults() {
        QueryPlan p = plan("""
                {"resource": "notes", "version": 1, "filters": {"dueDate": {"lt": "2026-01-02"}}, "select": ["title"]}""");
        assertThat(p.limit()).isEqualTo(10);
        assertThat(p.output()).extracting(f -> f.name()).containsExactly("title");
        assertThat(p.condition()).isInstanceOfSatisfying(Condition.FieldTest.class,
                t -> assertThat(t.operand()).isEqualTo(LocalDate.of(2026, 1, 2)));
        assertThat(plan("""
                {"resource": "notes", "version": 1, "filters": {"stars": {"in": [1, 2]}}}""").condition())
                .isInstanceOfSatisfying(Condition.FieldTest.class, t -> assertThat(t.operand()).isEqualTo(List.of(1, 2)));
    }

    @Test
    void limitsAreEnforcedWithPaths() {
        assertInvalid("{\"resource\": \"notes\", \"version\": 1, \"limit\": 11}", "limit");
        assertInvalid("{\"resource\": \"notes\", \"version\": 1, \"filters\": {\"a\": 1, \"b\": 2, \"c\": 3, \"d\": 4}}",
                "filters");
        assertInvalid("{\"resource\": \"notes\", \"version\": 1, \"filters\": {\"$or\": []}}", "filters.$or");
        assertInvalid("{\"resource\": \"notes\", \"version\": 1, \"filters\": {\"stars\": {\"in\": [1, null]}}}",
                "filters.stars.in[1]");
        assertInvalid("{\"resource\": \"notes\", \"version\": 1, \"filters\": {\"stars\": {\"eq\": null}}}",
                "filters.stars.eq");
        assertInvalid("{\"resource\": \"notes\", \"version\": 1, \"sort\": [\"stars:asc\", \"stars:desc\"]}", "sort[1]");
        assertInvalid("{\"resource\": \"notes\", \"version\": 1, \"cursor\": \"abc\", \"offset\": 2}", "cursor");
        QueryPlanner tight = new QueryPlanner(TestSchemas.notes(), limits);
        QueryParser strict = new QueryParser(Limits.DEFAULTS.toBuilder().maxSortFields(1).maxSelectTokens(1)
                .maxAggregations(1).build());
        for (String[] overLimit : new String[][] {
            {"{\"resource\": \"notes\", \"version\": 1, \"sort\": [\"stars\", \"title\"]}", "sort"},
            {"{\"resource\": \"notes\", \"version\": 1, \"select\": [\"id\", \"title\"]}", "select"},
            {"{\"resource\": \"notes\", \"version\": 1, \"aggregations\": {\"a\": {\"fn\": \"count\"}, "
                    + "\"b\": {\"fn\": \"count\"}}}", "aggregations"}}) {
            assertThatThrownBy(() -> tight.plan(strict.parse(Json.MAPPER.readTree(overLimit[0]), ""), ""))
                    .isInstanceOfSatisfying(DataFnException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.DFQL_INVALID);
                        assertThat(e.path()).isEqualTo(overLimit[1]);
                    });
        }
        assertInvalid("{\"resource\": \"notes\", \"version\": 1, \"cursor\": \"!!notbase64\"}", "cursor");
        assertInvalid("{\"resource\": \"notes\", \"version\": 1, \"filters\": {\"stars\": {\"between\": [1]}}}",
                "filters.stars.between");
        assertInvalid("{\"resource\": \"notes\", \"version\": 1, \"aggregations\": {\"s\": {\"fn\": \"sum\", \"field\": \"title\"}}}",
                "aggregations.s.field");
        assertInvalid("{\"resource\": \"notes\", \"version\": 1, \"aggregations\": {\"s\": {\"fn\": \"median\", \"field\": \"stars\"}}}",
                "aggregations.s.fn");
        assertInvalid("{\"resource\": \"notes\", \"version\": 1, \"groupBy\": [\"done\"], \"select\": [\"title\"]}", "select");
    }

    @Test
    void filtersStayWithinWhatOneStatementCanCarry() {
        String wideOr = "{\"$or\": [" + "{\"stars\": 1},".repeat(20) + "{\"stars\": 2}]}";
        assertInvalid("{\"resource\": \"notes\", \"version\": 1, \"filters\": " + wideOr + "}", "filters.$or");
        String or20 = "{\"$or\": [" + "{\"stars\": 1},".repeat(19) + "{\"stars\": 2}]}";
        String many = "{\"$and\": [" + (or20 + ",").repeat(19) + or20 + "]}";
        QueryParser roomy = new QueryParser(Limits.DEFAULTS);
        String query = "{\"resource\": \"notes\", \"version\": 1, \"filters\": " + many + "}";
        assertThatThrownBy(() -> roomy.parse(Json.MAPPER.readTree(query), ""))
                .isInstanceOfSatisfying(DataFnException.class, e -> assertThat(e.getMessage()).contains("conditions"));
        String manyValues = "[" + "1,".repeat(999) + "1]";
        String wide = "{\"resource\": \"notes\", \"version\": 1, \"filters\": {\"$or\": ["
                + ("{\"stars\": {\"in\": " + manyValues + "}},").repeat(10) + "{\"stars\": {\"in\": " + manyValues + "}}]}}";
        assertThatThrownBy(() -> roomy.parse(Json.MAPPER.readTree(wide), ""))
                .isInstanceOfSatisfying(DataFnException.class, e -> assertThat(e.getMessage()).contains("values"));
    }

    @Test
    void aNulCharacterInAnyTextOperandIsRefusedWithItsPath() {
        for (String op : new String[] {"like", "ilike", "contains", "startswith", "endswith", "istartswith",
                "iendswith", "eq", "in"}) {
            String operand = op.equals("in") ? "[\"a\\u0000b\"]" : "\"%a\\u0000b%\"";
            String path = op.equals("in") ? "filters.title." + op + "[0]" : "filters.title." + op;
            assertInvalid("{\"resource\": \"notes\", \"version\": 1, \"filters\": {\"title\": {\"" + op + "\": "
                    + operand + "}}}", path);
        }
    }

    @Test
    void cursorsRoundTripAndBelongToTheirSort() {
        QueryPlan byStars = plan("{\"resource\": \"notes\", \"version\": 1, \"sort\": [\"stars:desc\"]}");
        assertThat(byStars.order()).extracting(QueryPlan.Order::wireForm).containsExactly("stars:desc", "id:asc");
        String cursor = dev.datafn.query.plan.PageCursors.encode(byStars.order(), java.util.Arrays.asList(null, "nt_9"));
        QueryPlan next = plan("{\"resource\": \"notes\", \"version\": 1, \"sort\": [\"stars:desc\"], \"cursor\": \""
                + cursor + "\"}");
        assertThat(next.after()).containsExactly(null, "nt_9");
        assertInvalid("{\"resource\": \"notes\", \"version\": 1, \"sort\": [\"stars:asc\"], \"cursor\": \""
                + cursor + "\"}", "cursor");
    }

    @Test
    void deepNestingIsRefusedByTheJsonParserBeforeAnyRecursionOfOurs() {
        String deep = "{\"$not\":".repeat(200) + "{}" + "}".repeat(200);
        assertThatThrownBy(() -> Json.parse(deep.getBytes(), ""))
                .isInstanceOfSatisfying(DataFnException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DFQL_INVALID));
    }

    private void assertInvalid(String json, String path) {
        assertThatThrownBy(() -> plan(json)).isInstanceOfSatisfying(DataFnException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.DFQL_INVALID);
            assertThat(e.path()).isEqualTo(path);
        });
    }
}
