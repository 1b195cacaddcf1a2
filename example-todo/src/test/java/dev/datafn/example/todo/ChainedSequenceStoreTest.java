package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datafn.DataFn;
import dev.datafn.error.ErrorCode;
import dev.datafn.schema.Namespace;
import dev.datafn.sequence.ChainedSequenceStore;
import dev.datafn.sequence.RedisSequenceStore;
import dev.datafn.testing.TestDatabases;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

/**
 * The Redis → database chain when Redis is down: writes wait out the quarantine (503), then the
 * database issues seqs above every logged one, and pull carries on without a gap.
 */
@OnEveryDatabase
class ChainedSequenceStoreTest extends AbstractEngineTest {

    @Test
    void whenThePrimaryIsDownTheDatabaseTakesOverAfterTheQuarantine() throws Exception {
        Namespace ns = TestDatabases.uniqueNamespace("chain");
        // Seqs 1 and 2 logged through the plain engine, as if issued before the outage.
        insertTodo(ns, "{\"id\": \"before-1\", \"title\": \"before\"}");
        insertTodo(ns, "{\"id\": \"before-2\", \"title\": \"before\"}");
        AtomicReference<ChainedSequenceStore> chain = new AtomicReference<>();
        // Nothing listens on port 1: every call to the primary fails.
        try (JedisPooled down = new JedisPooled("127.0.0.1", 1);
             DataFn chained = DataFn.builder().schema(TodoAppSchema.INSTANCE).database(database)
                     .sequenceStore(store -> {
                         chain.set(new ChainedSequenceStore(store, new RedisSequenceStore(store, down),
                                 Duration.ofMillis(700), Clock.systemUTC()));
                         return chain.get();
                     }).build()) {
            String insert = "{\"resource\": \"todos\", \"version\": 1, \"operation\": \"insert\", "
                    + "\"record\": {\"id\": \"after\", \"title\": \"after\"}}";
            assertError(() -> chained.mutate(ns, null, json(insert)), ErrorCode.SERVICE_UNAVAILABLE, null, "retry");
            assertThat(chain.get().failedOver()).isTrue();
            ObjectNode during = chained.pull(ns, json("{\"cursors\": {\"todos\": \"0\"}}"));
            assertThat(during.at("/records/todos")).as("nothing is settled during the quarantine").isEmpty();
            Thread.sleep(800);
            assertThat(chained.mutate(ns, null, json(insert)).serverSeq()).isEqualTo(3);
            ObjectNode after = chained.pull(ns, json("{\"cursors\": {\"todos\": \"0\"}}"));
            assertThat(after.at("/records/todos")).extracting(r -> r.get("id").textValue())
                    .containsExactly("before-1", "before-2", "after");
            assertThat(after.at("/cursors/todos").textValue()).isEqualTo("3");
        }
    }
}
