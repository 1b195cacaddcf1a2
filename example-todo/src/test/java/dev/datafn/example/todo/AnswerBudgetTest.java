package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.datafn.DataFnBuilder;
import dev.datafn.error.Outcome;
import dev.datafn.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/**
 * Every answer built in memory is bounded: what a request reads to answer is counted as its rows arrive
 * against {@code maxAnswerBytes}, and refused with {@code DFQL_INVALID} once past it, whichever surface asks
 * (a query, a batch, a pull, a paged clone, an expansion); what all requests in flight hold together is bounded
 * by the answer memory, past which a request is answered 503 with {@code Retry-After}. A streamed clone, which
 * holds a few chunks at a time, is not bounded by either.
 */
@OnEveryDatabase
class AnswerBudgetTest extends AbstractServedTest {

    /** The per-request budget here: about five of the todos below (a page reads one row past its limit). */
    private static final int MAX_ANSWER_BYTES = 100_000;
    private static final int NOTE_CHARS = 20_000;
    private static final int TODOS = 12;

    @Override
    protected DataFnBuilder engine(DataFnBuilder engine) {
        return engine.limits(l -> l.maxAnswerBytes(MAX_ANSWER_BYTES));
    }

    @BeforeParameterizedClassInvocation
    void seed() {
        ArrayNode inserts = Json.MAPPER.createArrayNode();
        for (int i = 0; i < TODOS; i++) {
            inserts.addObject().put("resource", "todos").put("version", 1).put("operation", "insert")
                    .put("id", "big-%02d".formatted(i)).putObject("record").put("title", "todo " + i)
                    .put("notes", "n".repeat(NOTE_CHARS)).put("projectId", "p1");
        }
        inserts.addObject().put("resource", "projects").put("version", 1).put("operation", "insert")
                .put("id", "p1").putObject("record").put("name", "big project").put("color", "c".repeat(2 * NOTE_CHARS));
        assertThat(served.datafn().mutateBatch(ns, null, inserts)).allMatch(o -> o instanceof Outcome.Done<?>);
    }

    @Test
    void aQueryWithinTheBudgetIsAnswered() {
        JsonHttpClient.Reply reply = client.post("/query",
                "{\"resource\": \"todos\", \"version\": 1, \"limit\": 2, \"sort\": [\"id\"]}");
        assertThat(reply.status()).as(head(reply.raw())).isEqualTo(200);
        assertThat(reply.body().at("/result/data")).hasSize(2);
    }

    @Test
    void aQueryReadingPastTheBudgetIsRefusedWithTheLimitNamed() {
        JsonHttpClient.Reply reply = client.post("/query", "{\"resource\": \"todos\", \"version\": 1, \"limit\": 10}");
        assertRefused(reply);
        // The same rows without their long field fit.
        JsonHttpClient.Reply narrow = client.post("/query",
                "{\"resource\": \"todos\", \"version\": 1, \"limit\": 10, \"select\": [\"id\", \"title\"]}");
        assertThat(narrow.status()).as(head(narrow.raw())).isEqualTo(200);
        assertThat(narrow.body().at("/result/data")).hasSize(10);
    }

    @Test
    void anExpansionCountsAgainstTheBudget() {
        // Three todos fit; the project they expand to is read once, and is as large as two more todos.
        JsonHttpClient.Reply reply = client.post("/query", "{\"resource\": \"todos\", \"version\": 1, \"limit\": 3, "
                + "\"select\": [\"*\", \"project.*\"]}");
        assertRefused(reply);
    }

    @Test
    void theQueriesOfABatchShareOneBudget() {
        String each = "{\"resource\": \"todos\", \"version\": 1, \"limit\": 1}";
        JsonHttpClient.Reply reply = client.post("/query", "[" + String.join(", ", List.of(each, each, each, each))
                + "]");
        assertThat(reply.status()).as(head(reply.raw())).isEqualTo(200);
        int answered = 0;
        for (JsonNode item : reply.body().at("/result")) {
            if (item.path("ok").asBoolean()) {
                answered++;
            } else {
                assertThat(item.at("/error/code").textValue()).isEqualTo("DFQL_INVALID");
                assertThat(item.at("/error/message").textValue()).contains("maxAnswerBytes");
            }
        }
        // Two rows of 20 KB each (the page and the row that says there is more) against 100 KB: two are
        // answered, whichever finish first.
        assertThat(answered).isEqualTo(2);
    }

    @Test
    void aPullAndAPagedCloneAreBoundedToo() {
        assertRefused(client.post("/pull", "{\"version\": 1, \"cursors\": {\"todos\": \"0\"}}"));
        assertRefused(client.post("/clone", "{\"version\": 1, \"tables\": [\"todos\"], \"limit\": 10}"));
    }

    @Test
    void aStreamedCloneHoldsOneChunkAtATimeAndIsNotBounded() {
        JsonHttpClient.Reply reply = client.post("/clone", "{\"version\": 1, \"tables\": [\"todos\"]}");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().at("/result/data/todos")).hasSize(TODOS);
    }

    @Test
    void theBudgetIsGivenBackOnceTheAnswerIsSent() {
        for (int i = 0; i < 20; i++) {
            aQueryWithinTheBudgetIsAnswered();
        }
        assertRefused(client.post("/query", "{\"resource\": \"todos\", \"version\": 1, \"limit\": 10}"));
        aQueryWithinTheBudgetIsAnswered();
    }

    /** @return the start of an answer, for a failure's message: enough to see what it is */
    private static String head(String raw) {
        return raw.length() <= 300 ? raw : raw.substring(0, 300) + "…";
    }

    private static void assertRefused(JsonHttpClient.Reply reply) {
        assertThat(reply.status()).as(head(reply.raw())).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("DFQL_INVALID");
        assertThat(reply.errorPath()).isEqualTo("");
        assertThat(reply.errorMessage()).contains("maxAnswerBytes").contains("limit");
    }
}
