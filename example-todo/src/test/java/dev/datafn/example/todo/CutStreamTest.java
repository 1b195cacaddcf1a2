package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.datafn.http.DataFnHttp;
import dev.datafn.json.Json;
import dev.datafn.schema.Namespace;
import dev.datafn.testing.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A streamed answer that cannot complete ends so that its client can tell: a clone cut by shutdown while its
 * client reads slowly ends without HTTP's last chunk, and what arrived is no whole JSON document, so neither an
 * HTTP client nor a JSON parser takes it for a complete 200. The client reads a few kilobytes, stops, the engine
 * shuts down (its short drain runs out while the stream waits on the client), then the client reads on. H2
 * only: the database is not what is under test.
 */
class CutStreamTest {

    /**
     * Far more rows than the clone reads ahead of a client that does not read (a few chunks of 500), so the
     * shutdown finds rows still to read: a clone read whole before it is answered whole.
     */
    private static final int TODOS = 6_000;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void aCloneCutByShutdownEndsWithoutItsLastChunkAndIsNoWholeDocument() throws Exception {
        ServedEngine served = ServedEngine.start(TestDatabases.h2(),
                engine -> engine.shutdownTimeout(Duration.ofMillis(300)).search(false),
                datafn -> DataFnHttp.builder(datafn).build());
        try (served) {
            ArrayNode inserts = Json.MAPPER.createArrayNode();
            String notes = "n".repeat(2_000);
            for (int i = 0; i < TODOS; i++) {
                inserts.addObject().put("resource", "todos").put("version", 1).put("operation", "insert")
                        .put("id", "cut-" + i).putObject("record").put("title", "todo " + i).put("notes", notes);
                if (inserts.size() == 400) {
                    served.datafn().mutateBatch(Namespace.DEFAULT, null, inserts);
                    inserts.removeAll();
                }
            }
            try (Socket socket = new Socket()) {
                // A small window, so the server's writes wait on this client soon.
                socket.setReceiveBufferSize(4096);
                socket.connect(new InetSocketAddress("127.0.0.1", served.server().port()));
                socket.setSoTimeout(60_000);
                socket.getOutputStream().write(
                        RawHttpConnection.post("/datafn/clone", "{\"version\": 1, \"tables\": [\"todos\"]}"));
                InputStream in = socket.getInputStream();
                String head = RawHttpConnection.readHead(in);
                assertThat(head).startsWith("HTTP/1.1 200").containsIgnoringCase("transfer-encoding: chunked");
                ByteArrayOutputStream received = new ByteArrayOutputStream();
                received.write(in.readNBytes(8_192));

                CompletableFuture<Void> shutdown = CompletableFuture.runAsync(() -> served.datafn().close());
                while (!served.datafn().isShuttingDown()) {
                    Thread.onSpinWait();
                }
                shutdown.get(2, TimeUnit.MINUTES);
                received.write(readToEnd(in));

                Chunks chunks = Chunks.decode(received.toByteArray());
                assertThat(chunks.lastChunkSeen()).as("HTTP's last chunk, which says the body is whole").isFalse();
                assertThatThrownBy(() -> Json.MAPPER.readTree(chunks.body())).as("the JSON that arrived")
                        .isInstanceOf(IOException.class);
                assertThat(new String(chunks.body(), StandardCharsets.UTF_8)).startsWith("{\"ok\":true");
            }
        }
    }


    /** @return what the server still sends, up to the end of the stream or a reset connection */
    private static byte[] readToEnd(InputStream in) {
        ByteArrayOutputStream rest = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                rest.write(buffer, 0, n);
            }
        } catch (java.net.SocketTimeoutException e) {
            throw new AssertionError("the server neither finished nor cut the stream", e);
        } catch (IOException reset) {
            // A reset is a cut too: what arrived before it is what the client has.
        }
        return rest.toByteArray();
    }
}
