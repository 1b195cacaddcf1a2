package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datafn.http.DataFnHttp;
import dev.datafn.query.ast.TextSearch;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /datafn/search} over real HTTP: words found in the searchable fields of todos and projects,
 * best first, with each record as a query answers it; prefixes, typos and field weights; case and accents
 * folded; only the caller's namespace; the index following every kind of write (insert, update, delete,
 * transact, push, seed, REST) and never a rolled-back one.
 */
@OnEveryDatabase
class SearchTest extends AbstractJwtServedTest {

    @Override
    protected DataFnHttp.Builder http(DataFnHttp.Builder http) {
        return http.rest(true);
    }

    private void insertTodo(String token, String id, String title, String notes) {
        served.send(token, "POST", "/mutation", "{\"resource\": \"todos\", \"version\": 1, \"operation\": \"insert\", "
                + "\"record\": {\"id\": \"" + id + "\", \"title\": \"" + title + "\""
                + (notes == null ? "" : ", \"notes\": \"" + notes + "\"") + "}}").assertOk();
    }

    private JsonNode search(String token, String body) {
        return served.send(token, "POST", "/search", body).assertOk().result().get("results");
    }

    private static List<String> ids(JsonNode results) {
        List<String> ids = new ArrayList<>();
        results.forEach(r -> ids.add(r.get("id").textValue()));
        return ids;
    }

    @Test
    void aWordIsFoundInEverySearchableFieldBestFirstWithTheRecordAsAQueryReadsIt() {
        String token = newUser();
        insertTodo(token, "td:a", "Buy milk", "at the corner shop");
        insertTodo(token, "td:b", "Call mom", "about milk and milk powder and milk tea");
        insertTodo(token, "td:c", "Walk the dog", null);
        served.send(token, "POST", "/mutation", "{\"resource\": \"projects\", \"version\": 1, \"operation\": "
                + "\"insert\", \"record\": {\"id\": \"pj:milk\", \"name\": \"Milk run\"}}").assertOk();

        JsonNode results = search(token, "{\"query\": \"milk\"}");
        assertThat(ids(results)).containsExactlyInAnyOrder("td:a", "td:b", "pj:milk");
        for (int i = 1; i < results.size(); i++) {
            assertThat(results.get(i).get("score").doubleValue()).as(results.toString())
                    .isLessThanOrEqualTo(results.get(i - 1).get("score").doubleValue());
        }
        JsonNode first = results.get(0);
        JsonNode asQueried = served.send(token, "POST", "/query", "{\"resource\": \"" + first.get("resource").textValue()
                + "\", \"version\": 1, \"filters\": {\"id\": \"" + first.get("id").textValue() + "\"}}")
                .assertOk().result().get("data").get(0);
        assertThat(first.get("data")).isEqualTo(asQueried);

        assertThat(ids(search(token, "{\"query\": \"milk\", \"resources\": [\"projects\"]}"))).containsExactly("pj:milk");
        assertThat(ids(search(token, "{\"query\": \"milk dog\"}"))).as("every word must match").isEmpty();
        assertThat(ids(search(token, "{\"query\": \"milk\", \"limit\": 1}"))).hasSize(1);
    }

    @Test
    void caseAndAccentsAreFoldedAndPrefixAndFuzzyWidenTheMatch() {
        String token = newUser();
        insertTodo(token, "td:cafe", "Café with Zoë", null);
        insertTodo(token, "td:milk", "Buy milk", null);
        assertThat(ids(search(token, "{\"query\": \"CAFE zoe\"}"))).containsExactly("td:cafe");
        assertThat(ids(search(token, "{\"query\": \"mil\"}"))).as("no prefix").isEmpty();
        assertThat(ids(search(token, "{\"query\": \"mil\", \"prefix\": true}"))).containsExactly("td:milk");
        assertThat(ids(search(token, "{\"query\": \"mlik\"}"))).as("not fuzzy").isEmpty();
        assertThat(ids(search(token, "{\"query\": \"mlik\", \"fuzzy\": 0.2}"))).containsExactly("td:milk");
        assertThat(ids(search(token, "{\"query\": \"mlk\", \"fuzzy\": 1}"))).containsExactly("td:milk");
        assertThat(ids(search(token, "{\"query\": \"mlik\", \"fuzzy\": 0.2, \"prefix\": true}")))
                .as("both: the typo").containsExactly("td:milk");
        assertThat(ids(search(token, "{\"query\": \"mil\", \"fuzzy\": 0.2, \"prefix\": true}")))
                .as("both: the prefix").containsExactly("td:milk");
        assertThat(ids(search(token, "{\"query\": \"mlak\", \"fuzzy\": 0.2}"))).as("two edits at 0.2").isEmpty();
        assertThat(ids(search(token, "{\"query\": \"mlak\", \"fuzzy\": 0.8}"))).as("too short for two edits")
                .isEmpty();
    }

    /** Project names use the English analyzer (stems, stop words); todo titles the default one (whole words). */
    @Test
    void eachFieldSearchesWithItsOwnAnalyzer() {
        String token = newUser();
        insertTodo(token, "td:shoes", "Running shoes", null);
        served.send(token, "POST", "/mutation", "{\"resource\": \"projects\", \"version\": 1, \"operation\": "
                + "\"insert\", \"record\": {\"id\": \"pj:club\", \"name\": \"Running clubs\"}}").assertOk();
        assertThat(ids(search(token, "{\"query\": \"run club\"}"))).as("stems, in project names only")
                .containsExactly("pj:club");
        assertThat(ids(search(token, "{\"query\": \"running\"}"))).containsExactlyInAnyOrder("td:shoes", "pj:club");
    }

    @Test
    void fieldBoostsDecideWhichFieldCountsMore() {
        String token = newUser();
        insertTodo(token, "td:title", "Garden", "water");
        insertTodo(token, "td:notes", "Water", "garden");
        assertThat(ids(search(token, "{\"query\": \"garden\", \"fieldBoosts\": {\"title\": 10}}")))
                .containsExactly("td:title", "td:notes");
        assertThat(ids(search(token, "{\"query\": \"garden\", \"fieldBoosts\": {\"notes\": 10}}")))
                .containsExactly("td:notes", "td:title");
    }

    @Test
    void anotherNamespacesRecordsAreNeverFound() {
        String mine = newUser();
        String theirs = newUser();
        insertTodo(theirs, "td:secret", "Secret plans", null);
        insertTodo(mine, "td:mine", "My plans", null);
        assertThat(ids(search(mine, "{\"query\": \"plans\"}"))).containsExactly("td:mine");
        assertThat(ids(search(mine, "{\"query\": \"secret\"}"))).isEmpty();
        assertThat(ids(search(theirs, "{\"query\": \"plans\"}"))).containsExactly("td:secret");
    }

    @Test
    void theIndexFollowsEveryKindOfWriteAndNeverARolledBackOne() {
        String token = newUser();
        insertTodo(token, "td:1", "Paint fence", null);
        served.send(token, "POST", "/mutation", "{\"resource\": \"todos\", \"version\": 1, \"operation\": \"merge\", "
                + "\"id\": \"td:1\", \"record\": {\"title\": \"Paint door\"}}").assertOk();
        assertThat(ids(search(token, "{\"query\": \"fence\"}"))).as("the old title").isEmpty();
        assertThat(ids(search(token, "{\"query\": \"door\"}"))).containsExactly("td:1");

        served.send(token, "POST", "/mutation", "{\"resource\": \"todos\", \"version\": 1, \"operation\": \"delete\", "
                + "\"id\": \"td:1\"}").assertOk();
        assertThat(ids(search(token, "{\"query\": \"door\"}"))).as("deleted").isEmpty();

        served.send(token, "POST", "/transact", "{\"transactionId\": \"tx\", \"atomic\": true, \"steps\": [{\"mutation\": {\"resource\": "
                + "\"todos\", \"version\": 1, \"operation\": \"insert\", \"record\": {\"id\": \"td:rolled\", "
                + "\"title\": \"Rolled back\"}}}, {\"mutation\": {\"resource\": \"todos\", \"version\": 1, "
                + "\"operation\": \"insert\", \"record\": {\"id\": \"td:rolled\", \"title\": \"Duplicate\"}}}]}");
        assertThat(ids(search(token, "{\"query\": \"rolled\"}"))).as("a rolled-back transact").isEmpty();

        served.send(token, "POST", "/transact", "{\"transactionId\": \"tx\", \"atomic\": true, \"steps\": [{\"mutation\": {\"resource\": "
                + "\"todos\", \"version\": 1, \"operation\": \"insert\", \"record\": {\"id\": \"td:tx\", "
                + "\"title\": \"Transacted\"}}}]}").assertOk();
        served.send(token, "POST", "/seed", "{\"data\": {\"todos\": [{\"id\": \"td:seeded\", \"title\": \"Seeded\"}]}}")
                .assertOk();
        served.send(token, "POST", "/push", "{\"version\": 1, \"mutations\": [{\"resource\": \"todos\", "
                + "\"version\": 1, \"operation\": \"insert\", \"clientId\": \"c1\", \"mutationId\": \"m1\", "
                + "\"record\": {\"id\": \"td:pushed\", \"title\": \"Pushed\"}}]}").assertOk();
        assertThat(ids(search(token, "{\"query\": \"transacted\"}"))).containsExactly("td:tx");
        assertThat(ids(search(token, "{\"query\": \"seeded\"}"))).containsExactly("td:seeded");
        assertThat(ids(search(token, "{\"query\": \"pushed\"}"))).containsExactly("td:pushed");
    }

    /**
     * Inserts are added to the index without looking for an older document, once the index knows there is
     * none: every record is found once, across batches, catch-ups, a delete and re-insert of one id, and an
     * update.
     */
    @Test
    void everyRecordIsFoundOnceHoweverItWasWritten() {
        String token = newUser();
        for (int batch = 0; batch < 3; batch++) {
            StringBuilder mutations = new StringBuilder("[");
            for (int i = 0; i < 20; i++) {
                mutations.append(i == 0 ? "" : ", ").append("{\"resource\": \"todos\", \"version\": 1, "
                        + "\"operation\": \"insert\", \"record\": {\"id\": \"td:k%d-%d\", \"title\": \"kiwi %d\"}}"
                        .formatted(batch, i, i));
            }
            served.send(token, "POST", "/mutation", mutations.append("]").toString()).assertOk();
            List<String> found = ids(search(token, "{\"query\": \"kiwi\", \"limit\": 100}"));
            assertThat(found).as("batch " + batch).hasSize(20 * (batch + 1)).doesNotHaveDuplicates();
        }
        served.send(token, "POST", "/mutation", "{\"resource\": \"todos\", \"version\": 1, \"operation\": "
                + "\"delete\", \"id\": \"td:k0-0\"}").assertOk();
        insertTodo(token, "td:k0-0", "kiwi again", null);
        served.send(token, "POST", "/mutation", "{\"resource\": \"todos\", \"version\": 1, \"operation\": "
                + "\"merge\", \"id\": \"td:k1-1\", \"record\": {\"title\": \"kiwi renamed\"}}").assertOk();
        insertTodo(token, "td:k-last", "kiwi last", null);
        List<String> found = ids(search(token, "{\"query\": \"kiwi\", \"limit\": 100}"));
        assertThat(found).hasSize(61).doesNotHaveDuplicates().contains("td:k0-0", "td:k1-1", "td:k-last");
        assertThat(ids(search(token, "{\"query\": \"renamed\"}"))).containsExactly("td:k1-1");
    }

    @Test
    void restWritesAreIndexedToo() {
        String token = newUser();
        served.send(token, "POST", "/resources/todos?clientId=c&mutationId=r1",
                "{\"id\": \"td:rest\", \"record\": {\"title\": \"Posted\"}}").assertOk();
        assertThat(ids(search(token, "{\"query\": \"posted\"}"))).containsExactly("td:rest");
        served.send(token, "PATCH", "/resources/todos/td:rest?clientId=c&mutationId=r2",
                "{\"record\": {\"title\": \"Patched\"}}").assertOk();
        assertThat(ids(search(token, "{\"query\": \"posted\"}"))).isEmpty();
        assertThat(ids(search(token, "{\"query\": \"patched\"}"))).containsExactly("td:rest");
        served.send(token, "DELETE", "/resources/todos/td:rest?clientId=c&mutationId=r3", null).assertOk();
        assertThat(ids(search(token, "{\"query\": \"patched\"}"))).isEmpty();
    }

    /**
     * The largest search accepted, thirty-two fuzzy words each with fifty-two near neighbours in the index
     * (about 3,300 expanded terms over two fields), is answered, not failed on Lucene's clause limit.
     */
    @Test
    void theLargestFuzzySearchOverManyNearWordsIsAnswered() {
        String token = newUser();
        StringBuilder neighbours = new StringBuilder();
        for (char c = 'a'; c <= 'z'; c++) {
            neighbours.append(" abcde").append(c).append(" abcd").append(c).append('f');
        }
        insertTodo(token, "td:many", "Neighbours", neighbours.toString().trim());
        String words = "abcdef ".repeat(TextSearch.MAX_WORDS).trim();
        assertThat(ids(search(token, "{\"query\": \"" + words + "\", \"fuzzy\": 1, \"prefix\": true}")))
                .containsExactly("td:many");
        served.send(token, "POST", "/query", "{\"resource\": \"todos\", \"version\": 1, \"search\": {\"query\": \""
                + words + "\", \"fuzzy\": 1}}").assertOk();
    }

    @Test
    void badRequestsAreRefusedWithThePathBeforeAnythingRuns() {
        String token = newUser();
        String[][] cases = {
                {"{}", "query"},
                {"{\"query\": 3}", "query"},
                {"{\"query\": \"  -- !!\"}", "query"},
                {"{\"query\": \"" + "a".repeat(1_001) + "\"}", "query"},
                {"{\"query\": \"" + "w ".repeat(33) + "\"}", "query"},
                {"{\"query\": \"x\", \"resources\": []}", "resources"},
                {"{\"query\": \"x\", \"resources\": [\"tags\"]}", "resources[0]"},
                {"{\"query\": \"x\", \"resources\": [\"todos\", 4]}", "resources[1]"},
                {"{\"query\": \"x\", \"limit\": 0}", "limit"},
                {"{\"query\": \"x\", \"limit\": 1.5}", "limit"},
                {"{\"query\": \"x\", \"limit\": 100000}", "limit"},
                {"{\"query\": \"x\", \"prefix\": \"yes\"}", "prefix"},
                {"{\"query\": \"x\", \"fuzzy\": 2}", "fuzzy"},
                {"{\"query\": \"x\", \"fuzzy\": -0.1}", "fuzzy"},
                {"{\"query\": \"x\", \"fieldBoosts\": []}", "fieldBoosts"},
                {"{\"query\": \"x\", \"fieldBoosts\": {\"completed\": 2}}", "fieldBoosts.completed"},
                {"{\"query\": \"x\", \"fieldBoosts\": {\"title\": 0}}", "fieldBoosts.title"},
                {"{\"query\": \"x\", \"fieldBoosts\": {\"title\": \"2\"}}", "fieldBoosts.title"},
                {"{\"query\": \"x\", \"sort\": [\"title\"]}", "sort"},
        };
        for (String[] bad : cases) {
            served.send(token, "POST", "/search", bad[0]).assertError(400, "DFQL_INVALID", bad[1]);
        }
        served.send(token, "GET", "/search", null).assertError(405, "METHOD_NOT_ALLOWED", null);
    }
}
