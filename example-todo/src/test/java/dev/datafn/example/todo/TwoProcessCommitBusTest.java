package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datafn.db.Database;
import dev.datafn.http.JwtAuthenticator;
import dev.datafn.json.Json;
import dev.datafn.mutation.write.CommittedWrite;
import dev.datafn.realtime.CommitBus;
import dev.datafn.realtime.PostgresCommitBus;
import dev.datafn.realtime.RedisCommitBus;
import dev.datafn.schema.Namespace;
import dev.datafn.schema.ResourceSchema;
import dev.datafn.testing.TestDatabases;
import dev.datafn.testing.TestRedis;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two example server processes sharing PostgreSQL, as an operator runs two instances: each publishes its
 * commits on the bus its configuration chooses (PostgreSQL {@code LISTEN/NOTIFY} by default, Redis pub/sub
 * with {@code DATAFN_REDIS_URL}). A live socket on one process hears the writes made on the other, in order
 * and only its own namespace's; and a third instance (this test's bus) hears both processes' writes, each
 * namespace's in order and under its own namespace. Skipped without PostgreSQL (and, for Redis, without Redis).
 */
class TwoProcessCommitBusTest {

    private static final String SECRET = "a commit bus test secret of at least 32 bytes";
    private static final JwtAuthenticator JWT = JwtAuthenticator.hs256(SECRET.getBytes(StandardCharsets.UTF_8));
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final int WRITES = 20;

    @Test
    void processesSharingPostgresqlPublishOverListenNotify(@TempDir Path dir) throws Exception {
        Database database = postgres();
        try (CommitBus observer = new PostgresCommitBus(database, everyResource())) {
            writesOfBothProcessesAreHeard(database, dir, Map.of(), observer);
        }
    }

    @Test
    void processesWithRedisConfiguredPublishOverRedis(@TempDir Path dir) throws Exception {
        Database database = postgres();
        Assumptions.assumeTrue(TestRedis.configured(), "Redis not configured: set -Ddatafn.test.redis.url");
        String redis = System.getProperty("datafn.test.redis.url");
        try (CommitBus observer = new RedisCommitBus(URI.create(redis), everyResource())) {
            writesOfBothProcessesAreHeard(database, dir, Map.of("DATAFN_REDIS_URL", redis), observer);
        }
    }

    private void writesOfBothProcessesAreHeard(Database database, Path dir, Map<String, String> settings,
            CommitBus observer) throws Exception {
        String ann = "ann-" + UUID.randomUUID();
        String bob = "bob-" + UUID.randomUUID();
        Namespace annNs = Namespace.user(ann);
        Namespace bobNs = Namespace.user(bob);
        List<ServerProcess> servers = new ArrayList<>();
        try (HeardWrites heard = new HeardWrites(observer, Set.of(annNs, bobNs))) {
            servers.add(ServerProcess.start(database, Files.createDirectories(dir.resolve("a")), SECRET, settings));
            servers.add(ServerProcess.start(database, Files.createDirectories(dir.resolve("b")), SECRET, settings));
            String annToken = JWT.issue(ann, null, Duration.ofMinutes(10));
            String bobToken = JWT.issue(bob, null, Duration.ofMinutes(10));
            // Each user listens on the instance the other one's writes do not go to: ann writes on A and
            // listens on B, bob the other way round.
            try (LiveSocket annOnB = LiveSocket.open(webSocketUrl(servers.get(1)), annToken, true);
                 LiveSocket bobOnA = LiveSocket.open(webSocketUrl(servers.get(0)), bobToken, false)) {
                assertThat(annOnB.next().get("type").textValue()).isEqualTo("hello");
                assertThat(bobOnA.next().get("type").textValue()).isEqualTo("hello");
                for (int i = 0; i < WRITES; i++) {
                    insert(servers.get(0), annToken, "todos", "{\"title\": \"from a\"}");
                    insert(servers.get(1), bobToken, "tags", "{\"name\": \"from b " + i + "\"}");
                }
                assertCursorsReach(annOnB, WRITES, "todos");
                assertCursorsReach(bobOnA, WRITES, "tags");
            }

            Map<Namespace, List<CommittedWrite>> byNamespace = new LinkedHashMap<>();
            for (CommittedWrite write : heard.next(2 * WRITES)) {
                byNamespace.computeIfAbsent(write.namespace(), n -> new ArrayList<>()).add(write);
            }
            assertThat(byNamespace.get(annNs)).containsExactlyElementsOf(expected(annNs, "todos"));
            assertThat(byNamespace.get(bobNs)).containsExactlyElementsOf(expected(bobNs, "tags"));
        } finally {
            for (ServerProcess server : servers) {
                server.terminate();
            }
        }
    }

    /**
     * Reads cursors until one reaches {@code last}: each later than the one before, naming only the
     * resource the socket's own namespace wrote (never the other namespace's).
     */
    private static void assertCursorsReach(LiveSocket socket, long last, String resource) throws Exception {
        long seen = 0;
        while (seen < last) {
            JsonNode frame = socket.next();
            assertThat(frame.get("type").textValue()).as(frame.toString()).isEqualTo("cursor");
            long seq = frame.get("serverSeq").longValue();
            assertThat(seq).as("cursors never go backwards: %s", frame).isGreaterThan(seen);
            assertThat(frame.get("resources")).as(frame.toString())
                    .extracting(JsonNode::textValue).containsExactly(resource);
            seen = seq;
        }
        assertThat(seen).isEqualTo(last);
        assertThat(socket.nextWithin(Duration.ofMillis(300))).as("nothing after the last write").isNull();
    }

    private static String webSocketUrl(ServerProcess server) {
        return server.url("/ws").replaceFirst("^http", "ws");
    }

    private static List<CommittedWrite> expected(Namespace ns, String resource) {
        return LongStream.rangeClosed(1, WRITES).mapToObj(seq -> new CommittedWrite(ns, seq, Set.of(resource))).toList();
    }

    private static void insert(ServerProcess server, String token, String resource, String record) throws Exception {
        String body = "{\"resource\": \"" + resource + "\", \"version\": 1, \"operation\": \"insert\", \"record\": "
                + record + "}";
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(server.url("/mutation")))
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(Json.MAPPER.readTree(response.body()).at("/result/ok").asBoolean()).as(response.body()).isTrue();
    }

    private static Database postgres() {
        Assumptions.assumeTrue(TestDatabases.postgresConfigured(), "PostgreSQL not configured: set -Ddatafn.test.pg.url");
        return TestDatabases.postgres();
    }

    private static Set<String> everyResource() {
        return TodoAppSchema.INSTANCE.resources().stream().map(ResourceSchema::name).collect(Collectors.toSet());
    }
}
