package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The requests {@link GeneratedRequestsFuzzTest} found answered wrongly, kept as explicit cases on every database: each
 * is answered as {@link EnvelopeRules} demand, with the code and path the request deserves.
 */
@OnEveryDatabase
class FuzzCorpusTest extends AbstractServedTest {

    /**
     * Bodies whose parse errors named Jackson's classes, settings and sources, and one (an exponent past BigDecimal's,
     * found by the Jazzer targets) that was a 500.
     */
    private static final List<String> BROKEN_JSON = List.of(
            "{\"resource\": \"todos\", \"version\": 1, \"filters\": " + "{\"$not\": ".repeat(1_000) + "{\"id\": 1}"
                    + "}".repeat(1_001),
            "[".repeat(1_000) + "]".repeat(1_000),
            "{\"resource\": \"todos\", \"version\": " + "9".repeat(2_000) + "}",
            "{\"resource\": \"todos\", \"version\": 1e9999999999}",
            "{\"resource\": \"todos\", \"version\": NaN}",
            "{\"resource\": \"todos\", \"version\": -Infinity}",
            "{\"resource\": \"todos\", \"version\": +1}",
            "{\"resource\": \"todos\", \"version\": 1",
            "{\"version\": 1, \"tables\": [\"todos\"",
            "/* comment */ {\"resource\": \"todos\", \"version\": 1}");

    @Test
    void malformedJsonIsRefusedWithoutTheParsersInternals() {
        for (String body : BROKEN_JSON) {
            for (String endpoint : new String[] {"/query", "/mutation", "/transact", "/pull", "/push", "/clone",
                "/reconcile", "/seed"}) {
                assertMalformed(client.send("POST", endpoint, body.getBytes(StandardCharsets.UTF_8)), "", body);
            }
            assertMalformed(client.send("POST", "/resources/todos", body.getBytes(StandardCharsets.UTF_8)), "", body);
        }
        assertMalformed(client.get("/resources/todos?q=" + encode("{\"filters\": {\"title\": \"x\"")), "q", "q");
        assertMalformed(client.get("/resources/todos?q=" + encode("{\"limit\": NaN}")), "q", "q");
    }

    @Test
    void extremeDatesInCursorsAndHavingAreRefused() {
        // A page cursor decoded, its date-time pushed to Instant's last year, and encoded again.
        String cursor = Base64.getUrlEncoder().withoutPadding().encodeToString("""
                {"k": ["createdAt:asc", "id:asc"], "v": ["+1000000000-01-01T00:00:00Z", "fz1"]}"""
                .getBytes(StandardCharsets.UTF_8));
        assertRefused(client.post("/query", """
                {"resource": "todos", "version": 1, "sort": ["createdAt:asc"], "limit": 1, "cursor": "%s"}"""
                .formatted(cursor)), "cursor");
        assertRefused(client.post("/query", """
                {"resource": "todos", "version": 1, "groupBy": ["completed", "projectId"],
                 "aggregations": {"n": {"fn": "count"}, "first": {"fn": "min", "field": "createdAt"}},
                 "having": {"n": {"gt": 0}, "first": {"lt": "+1000000000-12-31T23:59:59.999999999Z"}},
                 "sort": ["n:desc"], "limit": 5}"""), "having.first.lt");
    }

    private static void assertRefused(JsonHttpClient.Reply reply, String path) {
        assertThat(reply.status()).as(reply.raw()).isEqualTo(400);
        assertThat(reply.errorCode()).as(reply.raw()).isEqualTo("DFQL_INVALID");
        assertThat(reply.errorPath()).as(reply.raw()).isEqualTo(path);
        assertThat(EnvelopeRules.broken(reply, false)).as(reply.raw()).isEmpty();
    }

    private static void assertMalformed(JsonHttpClient.Reply reply, String path, String sent) {
        String shown = sent.length() > 80 ? sent.substring(0, 80) + "..." : sent;
        assertThat(reply.status()).as(shown + ": " + reply.raw()).isEqualTo(400);
        assertThat(reply.errorCode()).as(reply.raw()).isEqualTo("DFQL_INVALID");
        assertThat(reply.errorPath()).as(reply.raw()).isEqualTo(path);
        assertThat(reply.errorMessage()).as(reply.raw()).startsWith("malformed JSON");
        assertThat(EnvelopeRules.broken(reply, false)).as(shown + ": " + reply.raw()).isEmpty();
    }
}
