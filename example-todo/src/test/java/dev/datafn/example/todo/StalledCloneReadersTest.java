package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.datafn.db.PoolStats;
import dev.datafn.error.Outcome;
import dev.datafn.http.DataFnHttp;
import dev.datafn.json.Json;
import dev.datafn.schema.Namespace;
import dev.datafn.schema.ResourcePolicy;
import dev.datafn.testing.TestDatabase;
import dev.datafn.testing.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;

/**
 * A streamed clone does not hold a database connection at its client's reading speed: 32 clients that open a
 * clone and stop reading after its first bytes, against a pool of 16, leave the pool to everyone else. Every
 * other request is answered, the pool's connections are back once the readers' reads stall, and a stalled client
 * that reads on receives the whole clone, each row once.
 */
@OnEveryDatabase
class StalledCloneReadersTest {

    private static final int STALLED = 32;
    private static final int POOL = 16;
    private static final int TODOS = 2_000;

    /** The database of this run. */
    @Parameter
    private TestDatabase testDatabase;

    private final Namespace ns = TestDatabases.uniqueNamespace("stalledclone");

    @Test
    void stalledCloneReadersLeaveThePoolToEveryoneElse() throws Exception {
        ServedEngine served = ServedEngine.start(testDatabase.open().withPoolSize(POOL),
                b -> b.policy("projects", ResourcePolicy.of("anyone", "anyone")),
                datafn -> DataFnHttp.builder(datafn).namespaceProvider(req -> ns).build(),
                // A small send buffer, so the server's writes wait on a client that does not read.
                server -> server.connectionOptions(socket -> socket.socketSendBufferSize(16 * 1024)));
        List<Socket> stalled = new ArrayList<>();
        byte[] firstPiece = null;
        try (served) {
            seed(served);
            for (int i = 0; i < STALLED; i++) {
                Socket socket = new Socket();
                stalled.add(socket);
                socket.setReceiveBufferSize(4096);
                socket.connect(new InetSocketAddress("127.0.0.1", served.server().port()));
                socket.setSoTimeout(60_000);
                socket.getOutputStream().write(RawHttpConnection.post("/datafn/clone",
                        "{\"version\": 1, \"tables\": [\"todos\", \"tags\"]}"));
                // The head and a first piece: the clone is under way, then this client stops reading.
                assertThat(RawHttpConnection.readHead(socket.getInputStream())).startsWith("HTTP/1.1 200");
                byte[] piece = socket.getInputStream().readNBytes(4096);
                if (i == 0) {
                    firstPiece = piece;
                }
            }

            // Every reader's writer now waits on its client; each reader lets its connection go once it stalls.
            PoolStats pool = served.datafn().vitals().pool();
            for (int waited = 0; pool.active() > 0 && waited < 300; waited++) {
                Thread.sleep(100);
                pool = served.datafn().vitals().pool();
            }
            assertThat(pool.active()).as("connections lent out while %d clones stall: %s", STALLED, pool).isZero();

            HttpClient http = HttpClient.newHttpClient();
            for (int i = 0; i < 2 * POOL; i++) {
                HttpResponse<String> query = http.send(post(served, "/query",
                        "{\"resource\": \"todos\", \"version\": 1, \"limit\": 5}"), HttpResponse.BodyHandlers.ofString());
                assertThat(query.statusCode()).as(query.body()).isEqualTo(200);
                HttpResponse<String> write = http.send(post(served, "/mutation", "{\"resource\": \"tags\", "
                        + "\"version\": 1, \"operation\": \"insert\", \"id\": \"tag-" + i + "\", \"record\": "
                        + "{\"name\": \"tag " + i + "\"}}"), HttpResponse.BodyHandlers.ofString());
                assertThat(write.statusCode()).as(write.body()).isEqualTo(200);
            }

            // A stalled client that reads on gets the whole clone: every todo once, in id order.
            Socket reader = stalled.getFirst();
            Chunks body = Chunks.decode(readThroughLastChunk(reader.getInputStream(), firstPiece));
            assertThat(body.lastChunkSeen()).isTrue();
            JsonNode clone = Json.MAPPER.readTree(body.body());
            JsonNode todos = clone.at("/result/data/todos");
            assertThat(todos).hasSize(TODOS);
            for (int i = 0; i < TODOS; i++) {
                assertThat(todos.get(i).get("id").textValue()).isEqualTo("todo-%05d".formatted(i));
            }
        } finally {
            for (Socket socket : stalled) {
                socket.close();
            }
        }
    }

    private void seed(ServedEngine served) {
        ArrayNode inserts = Json.MAPPER.createArrayNode();
        for (int i = 0; i < TODOS; i++) {
            inserts.addObject().put("resource", "todos").put("version", 1).put("operation", "insert")
                    .put("id", "todo-%05d".formatted(i)).putObject("record").put("title", "todo " + i)
                    .put("notes", "n".repeat(1_000));
            if (inserts.size() == 400) {
                assertThat(served.datafn().mutateBatch(ns, null, inserts)).allMatch(o -> o instanceof Outcome.Done<?>);
                inserts.removeAll();
            }
        }
    }

    private static HttpRequest post(ServedEngine served, String path, String body) {
        return HttpRequest.newBuilder(URI.create(served.url(path))).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }


    private static byte[] tail(byte[] bytes, int length) {
        return java.util.Arrays.copyOfRange(bytes, Math.max(0, bytes.length - length), bytes.length);
    }

    /** @return a chunked body through its last chunk, from the piece of it read before */
    private static byte[] readThroughLastChunk(InputStream in, byte[] readBefore) throws IOException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        raw.write(readBefore);
        byte[] buffer = new byte[64 * 1024];
        // The connection stays open after the answer: its end is the last chunk, not the end of the stream.
        byte[] end = "\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        while (!java.util.Arrays.equals(tail(raw.toByteArray(), end.length), end)) {
            int n = in.read(buffer);
            if (n < 0) {
                break;
            }
            raw.write(buffer, 0, n);
        }
        return raw.toByteArray();
    }
}
