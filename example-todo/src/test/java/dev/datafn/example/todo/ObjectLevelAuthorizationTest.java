package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datafn.error.ErrorCode;
import dev.datafn.example.todo.ServedEngine.Reply;
import dev.datafn.http.DataFnHttp;
import dev.datafn.http.Envelope;
import dev.datafn.http.JwtAuthenticator;
import dev.datafn.testing.TestDatabase;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;

/**
 * OWASP API1 (broken object level authorization), tried on every surface: a victim in tenant t1 owns a
 * project, a tag and a todo; three attackers (another user, the same user id in tenant t2, another user
 * of t1) know every id and every idempotency key of the victim, hold the {@code admin} claim (so the
 * policy lets them write every resource and only the namespace stands between them and the data), and
 * try to read, filter, aggregate, expand into, sync, link to, change and delete the victim's records.
 * Nothing of the victim's may appear in any answer, every write must miss, and the victim's data must be
 * exactly as before.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@OnEveryDatabase
class ObjectLevelAuthorizationTest {

    private static final String TODO = "{\"resource\": \"todos\", \"version\": 1, ";
    private static final String PROJECT = "{\"resource\": \"projects\", \"version\": 1, ";
    private static final Map<String, Object> ADMIN = Map.of("admin", true);

    private final JwtAuthenticator jwt = ServedEngine.freshJwt();
    private ServedEngine served;
    /** The same engine served with {@code debug(false)}: its refusals must also name nothing. */
    private ServedEngine quiet;
    /** Appears only in the victim's records: finding it in an attacker's answer is a leak. */
    private String secret;
    private String victim;
    private String todoId;
    private String projectId;
    private String tagId;

    /** The database of this run. */
    @Parameter
    private TestDatabase testDatabase;

    @BeforeParameterizedClassInvocation
    void start() {
        served = ServedEngine.start(testDatabase.open(), b -> b,
                datafn -> DataFnHttp.builder(datafn).authenticate(jwt).rest(true).build());
        quiet = served.alongside(datafn -> DataFnHttp.builder(datafn).authenticate(jwt).rest(true).debug(false)
                .build());
    }

    @AfterParameterizedClassInvocation
    void stop() {
        if (quiet != null) {
            quiet.close();
            quiet = null;
        }
        if (served != null) {
            served.close();
            served = null;
        }
    }

    @BeforeEach
    void victimOwnsAProjectATagAndATodo() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        secret = "SECRET-" + run;
        victim = token("alice-" + run, "t1");
        todoId = "td-" + run;
        projectId = "pj-" + run;
        tagId = "tg-" + run;
        Reply seeded = send(victim, "POST", "/transact", """
                {"atomic": true, "steps": [
                  {"mutation": %s"operation": "insert", "clientId": "victim", "mutationId": "p",
                   "record": {"id": "%s", "name": "%s project", "color": "%s"}}},
                  {"mutation": {"resource": "tags", "version": 1, "operation": "insert", "clientId": "victim",
                   "mutationId": "g", "record": {"id": "%s", "name": "%s tag"}}},
                  {"mutation": %s"operation": "insert", "clientId": "victim", "mutationId": "t",
                   "record": {"id": "%s", "title": "%s title", "notes": "%s notes", "priority": 5,
                              "projectId": "%s", "tags": ["%s"]}}}
                ]}""".formatted(PROJECT, projectId, secret, secret, tagId, secret, TODO, todoId, secret, secret,
                projectId, tagId));
        assertThat(seeded.body().at("/result/ok").booleanValue()).as(seeded.raw()).isTrue();
    }

    @Test
    void noAttackerReadsAnythingOfTheVictims() {
        String before = victimsData();
        int tried = 0;
        for (String attacker : attackers()) {
            for (Probe probe : readProbes()) {
                for (Reply answer : sendToBoth(attacker, probe)) {
                    assertThat(answer.status()).as(answer.raw()).isLessThan(500);
                    assertThat(answer.raw()).as("nothing of the victim's leaks").doesNotContain(secret);
                    tried++;
                }
            }
            assertThat(send(attacker, "POST", "/query", TODO + "\"count\": true}").body().at("/result/count")
                    .intValue()).isZero();
            assertThat(send(attacker, "POST", "/query", TODO + "\"aggregations\": {\"n\": {\"fn\": \"count\"}, "
                    + "\"top\": {\"fn\": \"max\", \"field\": \"priority\"}}}").body().at("/result/data/0/n").intValue())
                    .isZero();
            assertThat(send(attacker, "POST", "/reconcile", "{\"counts\": {\"todos\": 0, \"projects\": 0, "
                    + "\"tags\": 0}}").body().at("/result/tables/todos/action").textValue()).isEqualTo("none");
            assertThat(send(attacker, "GET", "/resources/todos/" + todoId, null).status()).isEqualTo(404);
            assertThat(send(attacker, "GET", "/resources/projects/" + projectId, null).status()).isEqualTo(404);
        }
        assertThat(tried).isEqualTo(attackers().size() * readProbes().size() * 2);
        assertThat(victimsData()).isEqualTo(before);
    }

    @Test
    void everyWriteOfAnAttackerMissesTheVictimsRecords() {
        String before = victimsData();
        for (String attacker : attackers()) {
            for (Probe probe : writeProbes()) {
                for (Reply answer : sendToBoth(attacker, probe)) {
                    assertThat(answer.raw()).as(probe.path()).doesNotContain(secret);
                    assertThat(codes(answer.body())).as(answer.raw()).containsOnly("NOT_FOUND");
                }
            }
        }
        assertThat(victimsData()).as("the victim's data is exactly as before").isEqualTo(before);
    }

    @Test
    void idsAndIdempotencyKeysArePerNamespace() {
        String before = victimsData();
        for (String attacker : attackers()) {
            // The victim's id in another namespace is free: no "already exists" tells it is taken.
            Reply sameId = send(attacker, "POST", "/mutation", TODO + "\"operation\": \"insert\", \"record\": "
                    + "{\"id\": \"" + todoId + "\", \"title\": \"mine\"}}");
            assertThat(sameId.status()).as(sameId.raw()).isEqualTo(200);
            // The victim's idempotency key with another payload: applied as the attacker's own, not
            // refused as reused and not answered with the victim's result.
            Reply sameKey = send(attacker, "POST", "/mutation", TODO + "\"operation\": \"insert\", "
                    + "\"clientId\": \"victim\", \"mutationId\": \"t\", \"record\": {\"title\": \"mine too\"}}");
            assertThat(sameKey.status()).as(sameKey.raw()).isEqualTo(200);
            assertThat(sameKey.body().at("/result/deduped").booleanValue()).isFalse();
            assertThat(sameKey.body().at("/result/affectedIds/0").textValue()).isNotEqualTo(todoId);
            // A key into the victim's project: it points nowhere in the attacker's namespace.
            Reply linked = send(attacker, "POST", "/mutation", TODO + "\"operation\": \"insert\", \"record\": "
                    + "{\"title\": \"linked\", \"projectId\": \"" + projectId + "\"}}");
            assertThat(linked.status()).as(linked.raw()).isLessThan(500);
            Reply expanded = send(attacker, "POST", "/query", TODO + "\"select\": [\"id\", \"project.*\"], "
                    + "\"filters\": {\"projectId\": \"" + projectId + "\"}}");
            assertThat(expanded.raw()).doesNotContain(secret);
        }
        assertThat(victimsData()).isEqualTo(before);
    }

    /** The victim's own records, as a clone of every table answers them. */
    private String victimsData() {
        Reply clone = send(victim, "POST", "/clone", "{\"tables\": [\"projects\", \"tags\", \"todos\"]}");
        assertThat(clone.raw()).contains(secret);
        return clone.body().at("/result/data").toString();
    }

    /** Another user; the same user id in another tenant; another user of the victim's tenant. */
    private List<String> attackers() {
        String victimUser = "alice-" + secret.substring("SECRET-".length());
        return List.of(token("bob-" + UUID.randomUUID(), null), token(victimUser, "t2"),
                token("carol-" + UUID.randomUUID(), "t1"), token(victimUser, null));
    }

    private List<Probe> readProbes() {
        List<Probe> probes = new ArrayList<>();
        for (String filter : List.of(
                "{\"id\": \"" + todoId + "\"}",
                "{\"id\": {\"in\": [\"" + todoId + "\", \"x\"]}}",
                "{\"id\": {\"like\": \"%\"}}",
                "{\"$or\": [{\"id\": \"" + todoId + "\"}, {\"title\": {\"contains\": \"SECRET\"}}]}",
                "{\"$not\": {\"id\": \"nothing\"}}",
                "{\"title\": {\"startswith\": \"SECRET\"}}",
                "{\"projectId\": \"" + projectId + "\"}",
                "{\"project.name\": {\"contains\": \"SECRET\"}}",
                "{\"project.id\": \"" + projectId + "\"}",
                "{\"tags.id\": \"" + tagId + "\"}",
                "{\"tags\": {\"contains\": \"" + tagId + "\"}}")) {
            probes.add(new Probe("POST", "/query", TODO + "\"filters\": " + filter + ", \"select\": [\"*\", "
                    + "\"project.*\", \"tags.*\"]}"));
            probes.add(new Probe("GET", "/resources/todos?q=" + URLEncoder.encode("{\"filters\": " + filter + "}",
                    StandardCharsets.UTF_8), null));
            probes.add(new Probe("POST", "/transact", "{\"steps\": [{\"query\": " + TODO + "\"filters\": " + filter
                    + "}}]}"));
        }
        probes.add(new Probe("POST", "/query", "[" + TODO + "\"limit\": 100}, " + PROJECT + "\"limit\": 100}, "
                + "{\"resource\": \"tags\", \"version\": 1}]"));
        probes.add(new Probe("POST", "/query", TODO + "\"groupBy\": [\"projectId\"], \"aggregations\": "
                + "{\"n\": {\"fn\": \"count\"}, \"p\": {\"fn\": \"max\", \"field\": \"title\"}}}"));
        probes.add(new Probe("POST", "/query", PROJECT + "\"filters\": {\"id\": \"" + projectId + "\"}}"));
        probes.add(new Probe("GET", "/resources/todos", null));
        probes.add(new Probe("GET", "/resources/projects", null));
        probes.add(new Probe("GET", "/resources/tags/" + tagId, null));
        probes.add(new Probe("POST", "/clone", "{\"tables\": [\"todos\", \"projects\", \"tags\"]}"));
        probes.add(new Probe("POST", "/clone", "{\"tables\": [\"todos\", \"projects\", \"tags\"], \"limit\": 50}"));
        probes.add(new Probe("POST", "/pull", "{\"cursors\": {\"todos\": \"0\", \"projects\": \"0\", \"tags\": \"0\"}}"));
        probes.add(new Probe("POST", "/reconcile", "{\"counts\": {\"todos\": 1, \"projects\": 1, \"tags\": 1}, "
                + "\"cursors\": {\"todos\": \"0\"}}"));
        return probes;
    }

    private List<Probe> writeProbes() {
        String merge = TODO + "\"operation\": \"merge\", \"id\": \"" + todoId + "\", \"record\": {\"title\": \"pwned\"}}";
        String delete = TODO + "\"operation\": \"delete\", \"id\": \"" + todoId + "\"}";
        String guarded = TODO + "\"operation\": \"merge\", \"id\": \"" + todoId + "\", \"if\": {\"priority\": 5}, "
                + "\"record\": {\"title\": \"pwned\"}}";
        String replace = TODO + "\"operation\": \"replace\", \"id\": \"" + todoId + "\", \"record\": {\"title\": \"pwned\"}}";
        String relate = TODO + "\"operation\": \"relate\", \"id\": \"" + todoId + "\", \"relation\": \"tags\", "
                + "\"targetId\": \"" + tagId + "\"}";
        String unrelate = TODO + "\"operation\": \"unrelate\", \"id\": \"" + todoId + "\", \"relation\": \"tags\", "
                + "\"targetId\": \"" + tagId + "\"}";
        String projectMerge = PROJECT + "\"operation\": \"merge\", \"id\": \"" + projectId
                + "\", \"record\": {\"name\": \"pwned\"}}";
        String projectDelete = PROJECT + "\"operation\": \"delete\", \"id\": \"" + projectId + "\"}";
        List<Probe> probes = new ArrayList<>();
        for (String mutation : List.of(merge, delete, guarded, replace, relate, unrelate, projectMerge, projectDelete)) {
            probes.add(new Probe("POST", "/mutation", mutation));
            probes.add(new Probe("POST", "/mutation", "[" + mutation + "]"));
            probes.add(new Probe("POST", "/push", "{\"mutations\": [" + mutation.replace("\"version\": 1, ",
                    "\"version\": 1, \"clientId\": \"attacker\", \"mutationId\": \"" + UUID.randomUUID() + "\", ")
                    + "]}"));
            probes.add(new Probe("POST", "/transact", "{\"atomic\": true, \"steps\": [{\"mutation\": " + mutation
                    + "}]}"));
        }
        probes.add(new Probe("PATCH", "/resources/todos/" + todoId, "{\"clientId\": \"a\", \"mutationId\": \""
                + UUID.randomUUID() + "\", \"record\": {\"title\": \"pwned\"}}"));
        probes.add(new Probe("DELETE", "/resources/todos/" + todoId + "?clientId=a&mutationId=" + UUID.randomUUID(),
                null));
        probes.add(new Probe("DELETE", "/resources/projects/" + projectId + "?clientId=a&mutationId="
                + UUID.randomUUID(), null));
        return probes;
    }

    /** Every error code in an answer: the envelope's, or each item's of a batch, push or transact. */
    private static List<String> codes(JsonNode body) {
        List<String> codes = new ArrayList<>();
        body.findValues("code").forEach(code -> codes.add(code.textValue()));
        return codes;
    }

    private String token(String user, String tenant) {
        return jwt.issue(user, tenant, Duration.ofMinutes(10), ADMIN);
    }



    private Reply send(String token, String method, String path, String body) {
        return served.send(token, method, path, body);
    }

    /**
     * Sends a probe to the engine served with details and with {@code debug(false)}; every message of the
     * second answer must be its code's generic one.
     */
    private List<Reply> sendToBoth(String token, Probe probe) {
        Reply detailed = served.send(token, probe.method(), probe.path(), probe.body());
        Reply generic = quiet.send(token, probe.method(), probe.path(), probe.body());
        for (JsonNode error : generic.body().findParents("code")) {
            assertThat(error.path("message").textValue()).as(generic.raw())
                    .isEqualTo(Envelope.genericMessage(ErrorCode.valueOf(error.path("code").textValue())));
        }
        return List.of(detailed, generic);
    }

    /** One request an attacker sends. */
    private record Probe(String method, String path, String body) {
    }

}
