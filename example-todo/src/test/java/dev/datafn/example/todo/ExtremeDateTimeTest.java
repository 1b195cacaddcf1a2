package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/**
 * Date-times outside the years 1 to 9999 that Java still parses ({@code +1000000000-01-01T00:00:00Z} is
 * {@link java.time.Instant#MAX}'s year) are refused with 400 and their path on every surface that takes
 * one, alike on every database, instead of failing the request.
 */
@OnEveryDatabase
class ExtremeDateTimeTest extends AbstractServedTest {

    /** Extremes Java parses as instants, and the last instant before and the first after the supported years. */
    private static final String[] EXTREMES = {"+1000000000-01-01T00:00:00Z", "-1000000000-01-01T00:00:00Z",
        "+1000000000-12-31T23:59:59.999999999Z", "+10000-01-01T00:00:00Z", "0000-12-31T23:59:59.999999Z",
        "-999999999-01-01T00:00:00+18:00"};

    @BeforeParameterizedClassInvocation
    void seed() {
        assertThat(client.post("/mutation", """
                {"resource": "todos", "version": 1, "operation": "insert", "record": {"id": "dt1", "title": "x"}}""")
                .status()).isEqualTo(200);
    }

    @Test
    void filtersRefuseThemWithTheOperandPath() {
        for (String at : EXTREMES) {
            assertRefused(client.post("/query", query("\"filters\": {\"createdAt\": {\"gt\": \"" + at + "\"}}")),
                    "filters.createdAt.gt", at);
            assertRefused(client.post("/query", query("\"filters\": {\"updatedAt\": \"" + at + "\"}")),
                    "filters.updatedAt", at);
            assertRefused(client.post("/query", query("\"filters\": {\"$or\": [{\"id\": \"dt1\"}, "
                    + "{\"createdAt\": {\"in\": [\"2026-01-01T00:00:00Z\", \"" + at + "\"]}}]}")),
                    "filters.$or[1].createdAt.in[1]", at);
            assertRefused(client.post("/query", query("\"filters\": {\"createdAt\": {\"between\": "
                    + "[\"2026-01-01T00:00:00Z\", \"" + at + "\"]}}")), "filters.createdAt.between[1]", at);
        }
    }

    @Test
    void havingRefusesThem() {
        for (String at : EXTREMES) {
            assertRefused(client.post("/query", query("""
                    "groupBy": ["completed"], "aggregations": {"first": {"fn": "min", "field": "createdAt"}},
                    "having": {"first": {"lt": "%s"}}""".formatted(at))), "having.first.lt", at);
        }
    }

    @Test
    void restQueryParametersRefuseThem() {
        for (String at : EXTREMES) {
            assertRefused(client.get("/resources/todos?q=" + encode("{\"filters\": {\"createdAt\": {\"gte\": \""
                    + at + "\"}}}")), "filters.createdAt.gte", at);
        }
    }

    @Test
    void guardsRefuseThemInEveryWritePath() {
        for (String at : EXTREMES) {
            String merge = """
                    {"resource": "todos", "version": 1, "operation": "merge", "id": "dt1", "record": {"title": "y"},
                     "if": {"updatedAt": {"lte": "%s"}}}""".formatted(at);
            assertRefused(client.post("/mutation", merge), "if.updatedAt.lte", at);
            JsonHttpClient.Reply batch = client.post("/mutation", "[" + merge + "]");
            assertThat(batch.status()).as(batch.raw()).isEqualTo(200);
            assertThat(batch.body().at("/result/0/error/code").textValue()).as(batch.raw()).isEqualTo("DFQL_INVALID");
            assertThat(batch.body().at("/result/0/error/path").textValue()).as(batch.raw())
                    .isEqualTo("[0].if.updatedAt.lte");
            JsonHttpClient.Reply push = client.post("/push", "{\"version\": 1, \"mutations\": [" + merge + "]}");
            assertThat(push.status()).as(push.raw()).isEqualTo(200);
            assertThat(push.body().at("/result/results/0/error/code").textValue()).as(push.raw())
                    .isEqualTo("DFQL_INVALID");
            assertThat(push.body().at("/result/results/0/error/path").textValue()).as(push.raw())
                    .isEqualTo("mutations[0].if.updatedAt.lte");
            // A transaction answers 200 with the step that failed, as for any refused step.
            JsonHttpClient.Reply transact = client.post("/transact", "{\"steps\": [{\"mutation\": " + merge + "}]}");
            assertThat(transact.status()).as(transact.raw()).isEqualTo(200);
            assertThat(transact.body().at("/result/error/code").textValue()).as(transact.raw())
                    .isEqualTo("DFQL_INVALID");
            assertThat(transact.body().at("/result/error/path").textValue()).as(transact.raw())
                    .isEqualTo("steps[0].mutation.if.updatedAt.lte");
        }
    }

    private static String query(String members) {
        return "{\"resource\": \"todos\", \"version\": 1, " + members + "}";
    }

    private static void assertRefused(JsonHttpClient.Reply reply, String path, String value) {
        assertThat(reply.status()).as(value + ": " + reply.raw()).isEqualTo(400);
        assertThat(reply.errorCode()).as(reply.raw()).isEqualTo("DFQL_INVALID");
        assertThat(reply.errorPath()).as(reply.raw()).isEqualTo(path);
        assertThat(reply.errorMessage()).as(reply.raw()).contains("years 1 to 9999");
    }
}
