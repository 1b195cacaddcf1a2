package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datafn.db.QueryResult;
import dev.datafn.error.DataFnException;
import dev.datafn.error.ErrorCode;
import dev.datafn.http.DataFnHttp;
import dev.datafn.http.JwtAuthenticator;
import dev.datafn.mutation.Mutation;
import dev.datafn.mutation.MutationResult;
import dev.datafn.plugin.DataFnPlugin;
import dev.datafn.plugin.PluginContext;
import dev.datafn.schema.Namespace;
import dev.datafn.testing.ChangeLogReader;
import dev.datafn.testing.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;

/**
 * Seed 001's plugins, served over real HTTP and called in-process: the hooks run in the order given on
 * every surface, a refusing {@code before} hook changes nothing, a failing {@code after} hook keeps the
 * committed write, and {@code beforeSync} may rewrite a sync request.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@OnEveryDatabase
class PluginTest {

    /** One hook call as a plugin saw it. */
    record Seen(String plugin, String hook, PluginContext ctx, String detail) {
        @Override
        public String toString() {
            return plugin + ":" + hook + ":" + ctx.action() + ":" + ctx.resource() + (detail == null ? "" : ":" + detail);
        }
    }

    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final JwtAuthenticator jwt = ServedEngine.freshJwt();
    private ServedEngine served;
    private ChangeLogReader stored;

    @Parameter
    private TestDatabase testDatabase;

    /** Writes down every hook it sees, under its name. */
    private final class Recorder implements DataFnPlugin {
        private final String name;

        Recorder(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void beforeQuery(PluginContext ctx) {
            seen.add(new Seen(name, "beforeQuery", ctx, null));
        }

        @Override
        public void afterQuery(PluginContext ctx, QueryResult result) {
            seen.add(new Seen(name, "afterQuery", ctx, String.valueOf(result.data().size())));
        }

        @Override
        public void beforeMutation(PluginContext ctx, Mutation mutation) {
            seen.add(new Seen(name, "beforeMutation", ctx, mutation.operation().wireName()));
        }

        @Override
        public void afterMutation(PluginContext ctx, Mutation mutation, MutationResult result) {
            seen.add(new Seen(name, "afterMutation", ctx, mutation.operation().wireName() + "@" + result.serverSeq()));
        }

        @Override
        public JsonNode beforeSync(PluginContext ctx, String phase, JsonNode payload) {
            seen.add(new Seen(name, "beforeSync", ctx, phase));
            return payload;
        }

        @Override
        public void afterSync(PluginContext ctx, String phase, JsonNode payload) {
            seen.add(new Seen(name, "afterSync", ctx, phase));
        }
    }

    /**
     * Refuses by the title written: "forbidden" with a plain exception, "invalid" with its own
     * DataFnException; fails after committing "after-fails"; refuses queries of projects; and rewrites sync
     * requests: a clone asks for todos only, a push upper-cases the titles it inserts.
     */
    private static final class Gate implements DataFnPlugin {
        @Override
        public String name() {
            return "gate";
        }

        @Override
        public void beforeQuery(PluginContext ctx) {
            if ("projects".equals(ctx.resource())) {
                throw new IllegalStateException("projects are not for plugins' friends");
            }
        }

        @Override
        public void beforeMutation(PluginContext ctx, Mutation mutation) {
            String title = mutation.record() == null ? "" : mutation.record().path("title").asText("");
            if (title.equalsIgnoreCase("forbidden")) {
                throw new IllegalStateException("no forbidden titles");
            }
            if (title.equals("invalid")) {
                throw new DataFnException(ErrorCode.VALIDATION_FAILED, "the gate does not take 'invalid'", "record.title");
            }
        }

        @Override
        public void afterMutation(PluginContext ctx, Mutation mutation, MutationResult result) {
            if (mutation.record() != null && mutation.record().path("title").asText("").equals("after-fails")) {
                throw new IllegalStateException("the audit store is down");
            }
        }

        @Override
        public JsonNode beforeSync(PluginContext ctx, String phase, JsonNode payload) {
            if (phase.equals("clone")) {
                ObjectNode todosOnly = payload.deepCopy();
                todosOnly.putArray("tables").add("todos");
                return todosOnly;
            }
            if (phase.equals("push")) {
                ObjectNode shouting = payload.deepCopy();
                for (JsonNode m : shouting.path("mutations")) {
                    if (m.path("record").has("title")) {
                        ((ObjectNode) m.get("record")).put("title", m.at("/record/title").textValue().toUpperCase());
                    }
                }
                return shouting;
            }
            return null;
        }
    }

    @BeforeParameterizedClassInvocation
    void start() {
        var database = testDatabase.open();
        served = ServedEngine.start(database, b -> b.plugins(new Recorder("first"), new Gate(), new Recorder("second")),
                datafn -> DataFnHttp.builder(datafn).authenticate(jwt).rest(true).build());
        stored = new ChangeLogReader(database);
    }

    @AfterParameterizedClassInvocation
    void stop() {
        if (served != null) {
            served.close();
            served = null;
        }
    }

    /** A fresh user: its id, token (with a {@code team} claim) and namespace. */
    private record User(String id, String token, Namespace ns) {
    }

    private User user() {
        String id = "plugin-" + UUID.randomUUID();
        return new User(id, jwt.issue(id, null, Duration.ofHours(1), Map.of("team", "blue")), Namespace.user(id));
    }

    private List<String> seenIn(Namespace ns) {
        return seen.stream().filter(s -> s.ctx().namespace().equals(ns)).map(Seen::toString).toList();
    }

    private static String insert(String mutationId, String id, String title) {
        return """
                {"resource": "todos", "version": 1, "operation": "insert", "clientId": "c", "mutationId": "%s",
                 "record": {"id": "%s", "title": "%s"}}""".formatted(mutationId, id, title);
    }

    @Test
    void hooksRunInTheOrderGivenAroundAMutationAndAQueryAndSeeTheCaller() {
        User u = user();
        served.send(u.token(), "POST", "/mutation", insert("m1", "t1", "one")).assertOk();
        assertThat(seenIn(u.ns())).containsExactly(
                "first:beforeMutation:mutation:todos:insert",
                "second:beforeMutation:mutation:todos:insert",
                "first:afterMutation:mutation:todos:insert@1",
                "second:afterMutation:mutation:todos:insert@1");
        Seen first = seen.stream().filter(s -> s.ctx().namespace().equals(u.ns())).findFirst().orElseThrow();
        assertThat(first.ctx().actorId()).isEqualTo(u.id());
        assertThat(first.ctx().claims()).containsEntry("team", "blue");

        seen.clear();
        served.send(u.token(), "POST", "/query", "{\"resource\": \"todos\", \"version\": 1}").assertOk();
        assertThat(seenIn(u.ns())).containsExactly(
                "first:beforeQuery:query:todos", "second:beforeQuery:query:todos",
                "first:afterQuery:query:todos:1", "second:afterQuery:query:todos:1");
    }

    @Test
    void everySurfaceRunsTheHooks() {
        User u = user();
        served.send(u.token(), "POST", "/mutation", "[" + insert("b1", "b1", "batch one") + ","
                + insert("b2", "b2", "batch two") + "]").assertOk();
        served.send(u.token(), "POST", "/transact", """
                {"transactionId": "tx", "atomic": true, "steps": [
                  {"mutation": %s},
                  {"query": {"resource": "todos", "version": 1}}]}""".formatted(insert("x1", "x1", "in tx"))).assertOk();
        served.send(u.token(), "POST", "/push", "{\"version\": 1, \"mutations\": [" + insert("p1", "p1", "pushed") + "]}")
                .assertOk();
        served.send(u.token(), "POST", "/seed", "{\"data\": {\"todos\": [{\"id\": \"s1\", \"title\": \"seeded\"}]}}")
                .assertOk();
        served.send(u.token(), "POST", "/resources/todos?clientId=c&mutationId=r1", "{\"id\": \"r1\", \"record\": {\"title\": \"rest\"}}")
                .assertOk();
        served.send(u.token(), "GET", "/resources/todos", null).assertOk();
        served.send(u.token(), "POST", "/pull", "{\"version\": 1, \"cursors\": {\"todos\": \"0\"}}").assertOk();
        served.send(u.token(), "POST", "/reconcile", "{\"version\": 1, \"counts\": {\"todos\": 0}}").assertOk();
        List<String> firsts = seenIn(u.ns()).stream().filter(s -> s.startsWith("first:")).toList();
        assertThat(firsts).containsExactly(
                "first:beforeMutation:mutation:todos:insert", "first:beforeMutation:mutation:todos:insert",
                "first:afterMutation:mutation:todos:insert@1", "first:afterMutation:mutation:todos:insert@2",
                "first:beforeQuery:transact:todos", "first:beforeMutation:transact:todos:insert",
                "first:afterQuery:transact:todos:3", "first:afterMutation:transact:todos:insert@3",
                "first:beforeSync:push:null:push", "first:beforeMutation:push:todos:insert",
                "first:afterMutation:push:todos:insert@4", "first:afterSync:push:null:push",
                "first:beforeSync:seed:null:seed", "first:beforeMutation:seed:todos:insert",
                "first:afterMutation:seed:todos:insert@5", "first:afterSync:seed:null:seed",
                "first:beforeMutation:mutation:todos:merge", "first:beforeMutation:mutation:todos:insert",
                "first:afterMutation:mutation:todos:insert@6",
                "first:beforeQuery:query:todos", "first:afterQuery:query:todos:6",
                "first:beforeSync:pull:null:pull", "first:afterSync:pull:null:pull",
                "first:beforeSync:reconcile:null:reconcile", "first:afterSync:reconcile:null:reconcile");
    }

    @Test
    void aRefusingBeforeHookChangesNothing() {
        User u = user();
        served.send(u.token(), "POST", "/mutation", insert("m1", "t1", "forbidden"))
                .assertRefused(403, "FORBIDDEN", null, "refused by plugin 'gate'");
        served.send(u.token(), "POST", "/mutation", insert("m2", "t2", "invalid"))
                .assertRefused(400, "VALIDATION_FAILED", "record.title", "the gate does not take 'invalid'");
        ServedEngine.Reply tx = served.send(u.token(), "POST", "/transact", """
                {"transactionId": "tx", "atomic": true, "steps": [{"mutation": %s}, {"mutation": %s}]}"""
                .formatted(insert("x1", "x1", "fine"), insert("x2", "x2", "forbidden")));
        assertThat(tx.body().toString()).contains("refused by plugin 'gate'");
        ServedEngine.Reply push = served.send(u.token(), "POST", "/push", "{\"version\": 1, \"atomic\": true, "
                + "\"mutations\": [" + insert("p1", "p1", "fine") + "," + insert("p2", "p2", "forbidden") + "]}");
        assertThat(push.body().toString()).contains("refused by plugin 'gate'");
        served.send(u.token(), "POST", "/seed", "{\"data\": {\"todos\": [{\"id\": \"s1\", \"title\": \"fine\"}, "
                + "{\"id\": \"s2\", \"title\": \"forbidden\"}]}}").assertRefused(403, "FORBIDDEN", null, "gate");
        served.send(u.token(), "POST", "/query", "{\"resource\": \"projects\", \"version\": 1}")
                .assertRefused(403, "FORBIDDEN", null, "refused by plugin 'gate'");

        assertThat(stored.changes(u.ns())).as("the change log of the refused requests").isEmpty();
        ServedEngine.Reply all = served.send(u.token(), "POST", "/query", "{\"resource\": \"todos\", \"version\": 1}")
                .assertOk();
        assertThat(all.result().get("data")).isEmpty();
        assertThat(seenIn(u.ns())).noneMatch(s -> s.contains("afterMutation"));
    }

    @Test
    void inABatchOnlyTheRefusedItemIsRefused() {
        User u = user();
        ServedEngine.Reply batch = served.send(u.token(), "POST", "/mutation", "[" + insert("b1", "b1", "fine") + ","
                + insert("b2", "b2", "forbidden") + "]");
        JsonNode results = batch.result();
        assertThat(results.get(0).get("ok").booleanValue()).as(batch.raw()).isTrue();
        assertThat(results.get(1).get("ok").booleanValue()).as(batch.raw()).isFalse();
        assertThat(results.get(1).at("/error/code").textValue()).isEqualTo("FORBIDDEN");
        assertThat(stored.changes(u.ns())).hasSize(1);
    }

    @Test
    void aFailingAfterHookKeepsTheCommittedWrite() {
        User u = user();
        ServedEngine.Reply reply = served.send(u.token(), "POST", "/mutation", insert("m1", "t1", "after-fails"))
                .assertOk();
        assertThat(reply.result().get("serverSeq").longValue()).isEqualTo(1);
        assertThat(stored.changes(u.ns())).hasSize(1);
        assertThat(seenIn(u.ns())).as("the plugin after the failing one still ran")
                .contains("second:afterMutation:mutation:todos:insert@1");
        ServedEngine.Reply again = served.send(u.token(), "POST", "/mutation", insert("m1", "t1", "after-fails"))
                .assertOk();
        assertThat(again.result().get("deduped").booleanValue()).isTrue();
        assertThat(stored.changes(u.ns())).hasSize(1);
    }

    @Test
    void beforeSyncRewritesTheSyncRequest() {
        User u = user();
        ServedEngine.Reply push = served.send(u.token(), "POST", "/push", "{\"version\": 1, \"mutations\": ["
                + insert("p1", "p1", "quiet") + "]}").assertOk();
        assertThat(push.body().toString()).contains("\"ok\":true");
        ServedEngine.Reply clone = served.send(u.token(), "POST", "/clone",
                "{\"version\": 1, \"tables\": [\"todos\", \"tags\"]}").assertOk();
        assertThat(clone.result().get("data").has("tags")).as(clone.raw()).isFalse();
        ArrayNode todos = (ArrayNode) clone.result().at("/data/todos");
        assertThat(todos).hasSize(1);
        assertThat(todos.get(0).get("title").textValue()).isEqualTo("QUIET");
    }

    @Test
    void inProcessCallsRunTheHooksWithoutClaims() {
        Namespace ns = Namespace.user("in-process-" + UUID.randomUUID());
        served.datafn().mutate(ns, "server", AbstractEngineTest.json(insert("m1", "t1", "server side")));
        assertThat(seenIn(ns)).containsExactly(
                "first:beforeMutation:mutation:todos:insert", "second:beforeMutation:mutation:todos:insert",
                "first:afterMutation:mutation:todos:insert@1", "second:afterMutation:mutation:todos:insert@1");
        assertThat(seen.stream().filter(s -> s.ctx().namespace().equals(ns)).findFirst().orElseThrow().ctx().claims())
                .isEmpty();
        seen.clear();
        served.datafn().transact(ns, "server", tx -> TodoRepository.in(tx).insert(
                new Todo("t2", "typed", false, null, null, null, null, List.of(), null, null)));
        assertThat(seenIn(ns)).contains("first:beforeMutation:transact:todos:insert",
                "second:afterMutation:transact:todos:insert@2");
        AbstractEngineTest.assertError(() -> served.datafn().mutate(ns, "server",
                AbstractEngineTest.json(insert("m3", "t3", "forbidden"))), ErrorCode.FORBIDDEN, null, "gate");
        assertThat(stored.changes(ns)).hasSize(2);
    }
}
