package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A JSON string may carry half of a UTF-16 surrogate pair ({@code "\ud800"}), which is no Unicode text: H2
 * stored it as sent while PostgreSQL stored {@code ?}, so the same filter matched different rows on each,
 * two keys collided on PostgreSQL, and H2 answered a value other than the one it held. It is refused with
 * 400 and its path wherever a string reaches the database, alike on every database; whole pairs (emoji)
 * are kept and found again.
 */
@OnEveryDatabase
class UnpairedSurrogateTest extends AbstractServedTest {

    @Test
    void recordValuesFiltersAndKeysRefuseIt() {
        assertRefused(client.post("/mutation", """
                {"resource": "todos", "version": 1, "operation": "insert", "record": {"title": "a\\ud800b"}}"""),
                "record.title");
        assertRefused(client.post("/mutation", """
                {"resource": "todos", "version": 1, "operation": "insert", "record": {"title": "t", "notes": "\\udc00"}}"""),
                "record.notes");
        assertRefused(client.post("/mutation", """
                {"resource": "todos", "version": 1, "operation": "insert", "clientId": "c\\ud83d", "mutationId": "m",
                 "record": {"title": "t"}}"""), "clientId");
        assertRefused(client.post("/seed", """
                {"data": {"projects": [{"id": "p1", "name": "\\ude00\\ud83d"}]}}"""), "data.projects[0].name");
        assertRefused(client.post("/query", """
                {"resource": "todos", "version": 1, "filters": {"title": "a\\ud800b"}}"""), "filters.title");
        assertRefused(client.post("/query", """
                {"resource": "todos", "version": 1, "filters": {"notes": {"like": "%\\udfff%"}}}"""), "filters.notes.like");
        assertRefused(client.post("/query", """
                {"resource": "todos", "version": 1, "filters": {"id": {"in": ["ok", "\\ud800"]}}}"""), "filters.id.in[1]");
        assertRefused(client.get("/resources/todos?q=" + encode("{\"filters\": {\"title\": {\"contains\": \"\\ud800\"}}}")),
                "filters.title.contains");
    }

    @Test
    void wholePairsAreStoredAndFoundAgain() {
        JsonHttpClient.Reply inserted = client.post("/mutation", """
                {"resource": "todos", "version": 1, "operation": "insert", "record": {"id": "emoji", "title": "x\\ud83d\\ude00y"}}""");
        assertThat(inserted.status()).as(inserted.raw()).isEqualTo(200);
        JsonHttpClient.Reply found = client.post("/query", """
                {"resource": "todos", "version": 1, "filters": {"title": "x\\ud83d\\ude00y"}}""");
        assertThat(found.status()).as(found.raw()).isEqualTo(200);
        assertThat(found.body().at("/result/data/0/id").textValue()).as(found.raw()).isEqualTo("emoji");
        assertThat(found.body().at("/result/data/0/title").textValue()).isEqualTo("x\uD83D\uDE00y");
    }

    private static void assertRefused(JsonHttpClient.Reply reply, String path) {
        assertThat(reply.status()).as(reply.raw()).isEqualTo(400);
        assertThat(reply.errorCode()).as(reply.raw()).isEqualTo("DFQL_INVALID");
        assertThat(reply.errorPath()).as(reply.raw()).isEqualTo(path);
        assertThat(reply.errorMessage()).as(reply.raw()).contains("surrogate");
    }
}
