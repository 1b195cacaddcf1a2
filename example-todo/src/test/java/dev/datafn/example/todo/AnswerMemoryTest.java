package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.datafn.error.Outcome;
import dev.datafn.http.DataFnHttp;
import dev.datafn.json.Json;
import dev.datafn.schema.Namespace;
import dev.datafn.schema.ResourcePolicy;
import dev.datafn.testing.TestDatabase;
import dev.datafn.testing.TestDatabases;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;

/**
 * What the answers of all requests in flight hold together is bounded: while one client holds a large answer
 * by not reading it, a second large answer that would pass the answer memory is refused with 503 and
 * {@code Retry-After}, before its rows are read further; once the first client has gone, the second is answered.
 */
@OnEveryDatabase
class AnswerMemoryTest {

    private static final int NOTE_CHARS = 200_000;
    private static final int TODOS = 30;
    /** 26 rows of 200 KB (a page reads one past its limit): about 5.2 MB counted per request. */
    private static final String LARGE_QUERY = "{\"resource\": \"todos\", \"version\": 1, \"limit\": 25}";

    /** The database of this run. */
    @Parameter
    private TestDatabase testDatabase;

    private final Namespace ns = TestDatabases.uniqueNamespace("answermemory");

    @Test
    void aSecondLargeAnswerWaitsForTheMemoryTheFirstHolds() throws Exception {
        ServedEngine served = ServedEngine.start(testDatabase.open(),
                b -> b.policy("projects", ResourcePolicy.of("anyone", "anyone"))
                        .limits(l -> l.maxAnswerBytes(8_000_000)).answerMemory(10_000_000),
                datafn -> DataFnHttp.builder(datafn).namespaceProvider(req -> ns).build(),
                // A small send buffer, so a client that does not read holds its answer in the server.
                server -> server.connectionOptions(socket -> socket.socketSendBufferSize(16 * 1024)));
        try (served) {
            seed(served);
            HttpClient http = HttpClient.newHttpClient();
            try (Socket stalled = new Socket()) {
                stalled.setReceiveBufferSize(4096);
                stalled.connect(new InetSocketAddress("127.0.0.1", served.server().port()));
                stalled.setSoTimeout(60_000);
                stalled.getOutputStream().write(RawHttpConnection.post("/datafn/query", LARGE_QUERY));
                InputStream in = stalled.getInputStream();
                // The head goes out with the first bytes of the body, once every row is read and counted.
                assertThat(RawHttpConnection.readHead(in)).startsWith("HTTP/1.1 200");

                HttpResponse<String> refused = http.send(query(served), HttpResponse.BodyHandlers.ofString());
                assertThat(refused.statusCode()).isEqualTo(503);
                assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
                assertThat(Json.MAPPER.readTree(refused.body()).at("/error/code").textValue())
                        .isEqualTo("SERVICE_UNAVAILABLE");
                assertThat(Json.MAPPER.readTree(refused.body()).at("/error/message").textValue())
                        .contains("retry");

                // A small answer still fits beside the held one.
                HttpResponse<String> small = http.send(HttpRequest.newBuilder(URI.create(served.url("/query")))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"resource\": \"todos\", \"version\": 1, "
                                + "\"limit\": 25, \"select\": [\"id\"]}")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(small.statusCode()).isEqualTo(200);

            }
            // The first client left without reading: its answer's memory is given back once the server's write
            // fails, and the large answer goes through.
            HttpResponse<String> answered = http.send(query(served), HttpResponse.BodyHandlers.ofString());
            for (int attempt = 0; answered.statusCode() == 503 && attempt < 100; attempt++) {
                Thread.sleep(100);
                answered = http.send(query(served), HttpResponse.BodyHandlers.ofString());
            }
            assertThat(answered.statusCode()).isEqualTo(200);
            assertThat(Json.MAPPER.readTree(answered.body()).at("/result/data")).hasSize(25);
        }
    }

    private static HttpRequest query(ServedEngine served) {
        return HttpRequest.newBuilder(URI.create(served.url("/query"))).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(LARGE_QUERY)).build();
    }

    private void seed(ServedEngine served) {
        ArrayNode inserts = Json.MAPPER.createArrayNode();
        for (int i = 0; i < TODOS; i++) {
            inserts.addObject().put("resource", "todos").put("version", 1).put("operation", "insert")
                    .put("id", "mem-%02d".formatted(i)).putObject("record").put("title", "todo " + i)
                    .put("notes", "n".repeat(NOTE_CHARS));
        }
        assertThat(served.datafn().mutateBatch(ns, null, inserts)).allMatch(o -> o instanceof Outcome.Done<?>);
    }

}
