package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datafn.DataFn;
import dev.datafn.db.DataStore;
import dev.datafn.schema.Namespace;
import dev.datafn.sequence.ChainedSequenceStore;
import dev.datafn.sequence.DatabaseSequenceStore;
import dev.datafn.sequence.InMemoryKeyValueStore;
import dev.datafn.sequence.KVSequenceStore;
import dev.datafn.sequence.RedisSequenceStore;
import dev.datafn.sequence.SequenceStore;
import dev.datafn.testing.ChangeLogReader;
import dev.datafn.testing.TestDatabase;
import dev.datafn.testing.TestDatabases;
import dev.datafn.testing.TestRedis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import redis.clients.jedis.JedisPooled;

/**
 * The sync guarantee, attacked: pull never skips a committed change and never delivers one twice,
 * whatever order concurrent writers commit in. Runs on every database with every sequence store; the
 * stores on Redis are skipped, with the reason, when no Redis server is configured.
 */
@ParameterizedClass(name = "[{0}, {1}]")
@MethodSource("databasesAndStores")
class SyncGapTest extends AbstractEngineTest {

    /** How long the randomized run writes and pulls. */
    private static final Duration RANDOM_RUN = Duration.ofSeconds(3);

    /** The sequence stores under attack. */
    enum StoreUnderTest {
        /** The database sequence store. */
        DATABASE("database store"),
        /** The KV sequence store over the in-process KV store. */
        KV("KV store"),
        /** The Redis sequence store on the real Redis server. */
        REDIS("Redis store"),
        /** The Redis → database chain while Redis serves. */
        CHAINED("chained store");

        private final String label;

        StoreUnderTest(String label) {
            this.label = label;
        }

        boolean usesRedis() {
            return this == REDIS || this == CHAINED;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** The store of this run. */
    @Parameter(1)
    private StoreUnderTest storeUnderTest;

    private StallingSequenceStore stalling;
    private DataFn synced;
    /** The client of the configured Redis server, for the stores on Redis; closed after the run. */
    private JedisPooled redis;

    /** @return every database with every store */
    static Stream<Arguments> databasesAndStores() {
        return Arrays.stream(TestDatabase.values()).flatMap(database -> Arrays.stream(StoreUnderTest.values())
                .map(store -> Arguments.of(database, store)));
    }

    /** @return the store under test, over the engine's database */
    private SequenceStore sequenceStore(DataStore store) {
        return switch (storeUnderTest) {
            case DATABASE -> new DatabaseSequenceStore(store);
            case KV -> new KVSequenceStore(store, new InMemoryKeyValueStore());
            case REDIS -> new RedisSequenceStore(store, redis);
            case CHAINED -> new ChainedSequenceStore(store, new RedisSequenceStore(store, redis));
        };
    }

    @BeforeParameterizedClassInvocation
    void startSynced() {
        redis = storeUnderTest.usesRedis() ? TestRedis.client() : null;
        synced = DataFn.builder().schema(TodoAppSchema.INSTANCE).database(database.withPoolSize(24))
                .sequenceStore(store -> stalling = new StallingSequenceStore(sequenceStore(store))).build();
    }

    @AfterParameterizedClassInvocation
    void stopSynced() {
        if (synced != null) {
            synced.close();
            synced = null;
        }
        if (redis != null) {
            redis.close();
            redis = null;
        }
    }

    private void insert(Namespace ns, String id) {
        synced.mutate(ns, "writer", json("{\"resource\": \"todos\", \"version\": 1, \"operation\": \"insert\", "
                + "\"record\": {\"id\": \"" + id + "\", \"title\": \"" + id + "\"}}"));
    }

    /** Pulls from the cursor, adds what came to {@code seen}, and answers the new cursor. */
    private String pullInto(Namespace ns, String cursor, List<String> seen) {
        while (true) {
            ObjectNode page = synced.pull(ns, json("{\"cursors\": {\"todos\": \"" + cursor + "\"}, \"limit\": 50}"));
            page.at("/records/todos").forEach(r -> seen.add(r.get("id").textValue()));
            cursor = page.at("/cursors/todos").textValue();
            if (!page.get("hasMore").booleanValue()) {
                return cursor;
            }
        }
    }

    /**
     * A writer holds seq 1 uncommitted; another writes seq 2 (and commits, where the store lets it).
     * A puller in between must get neither, since delivering 2 would move its cursor past 1 for good.
     */
    @Test
    void aLowerSeqStillCommittingIsWaitedForNeverSkipped() throws Exception {
        Namespace ns = TestDatabases.uniqueNamespace("gap-stall");
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        try {
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch stalled = stalling.stallNextReservation(release);
            Future<?> low = threads.submit(() -> insert(ns, "low"));
            assertThat(stalled.await(10, TimeUnit.SECONDS)).isTrue();
            Future<?> high = threads.submit(() -> insert(ns, "high"));
            try {
                high.get(1, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException waitsForTheLowerSeq) {
                // The database store makes it wait for the counter; other stores let it commit.
            }
            List<String> seen = new ArrayList<>();
            String cursor = pullInto(ns, "0", seen);
            assertThat(seen).as("nothing delivered while seq 1 is in flight").isEmpty();
            assertThat(cursor).isEqualTo("0");
            release.countDown();
            low.get(10, TimeUnit.SECONDS);
            high.get(10, TimeUnit.SECONDS);
            pullInto(ns, cursor, seen);
            assertThat(seen).containsExactly("low", "high");
        } finally {
            threads.shutdownNow();
        }
    }

    /**
     * 8 writers and 4 pullers over one namespace. A tenth of the writes roll back before taking their
     * seqs and a tenth after (their seqs are abandoned). Every puller must end with exactly the
     * committed records, in serverSeq order; a client that clones mid-run and then pulls must end with
     * each committed record exactly once.
     */
    @RepeatedTest(2)
    void concurrentWritersAndPullersAgreeOnEveryCommittedChangeInOrder() throws Exception {
        Namespace ns = TestDatabases.uniqueNamespace("gap-random");
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger next = new AtomicInteger();
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        List<Future<?>> writers = new ArrayList<>();
        List<Future<List<String>>> pullers = new ArrayList<>();
        stalling.abandonAfterReserving(0.1);
        try {
            for (int w = 0; w < 8; w++) {
                writers.add(threads.submit(() -> {
                    while (writing.get()) {
                        String id = "t%06d".formatted(next.incrementAndGet());
                        if (ThreadLocalRandom.current().nextInt(10) == 0) {
                            rollBackAfterWriting(ns, id);
                        } else {
                            try {
                                insert(ns, id);
                            } catch (StallingSequenceStore.Abandoned rolledBack) {
                                // Its seqs were taken and given up.
                            }
                        }
                    }
                    return null;
                }));
            }
            for (int p = 0; p < 4; p++) {
                pullers.add(threads.submit(() -> {
                    List<String> seen = Collections.synchronizedList(new ArrayList<>());
                    String cursor = "0";
                    while (writing.get()) {
                        cursor = pullInto(ns, cursor, seen);
                    }
                    for (Future<?> w : writers) {
                        w.get();
                    }
                    pullInto(ns, cursor, seen);
                    return seen;
                }));
            }
            // A client that joins mid-run: a clone, then pulls from its cursor.
            Future<List<String>> joiner = threads.submit(() -> {
                Thread.sleep(RANDOM_RUN.toMillis() / 2);
                List<String> seen = Collections.synchronizedList(new ArrayList<>());
                // Writers commit between the clone's cursor and its reads.
                stalling.pauseAfterNextSettled(200);
                ObjectNode clone = synced.clone(ns, json("{\"tables\": [\"todos\"]}"));
                clone.at("/data/todos").forEach(r -> seen.add(r.get("id").textValue()));
                String cursor = clone.at("/cursors/todos").textValue();
                while (writing.get()) {
                    cursor = pullInto(ns, cursor, seen);
                }
                for (Future<?> w : writers) {
                    w.get();
                }
                pullInto(ns, cursor, seen);
                return seen;
            });
            Thread.sleep(RANDOM_RUN.toMillis());
            writing.set(false);
            for (Future<?> w : writers) {
                w.get(30, TimeUnit.SECONDS);
            }
            List<String> committed = committedInSeqOrder(ns);
            assertThat(committed).isNotEmpty();
            for (Future<List<String>> p : pullers) {
                assertThat(p.get(30, TimeUnit.SECONDS)).containsExactlyElementsOf(committed);
            }
            // The clone is in id order, not seq order: it must hold each committed record exactly once.
            assertThat(joiner.get(30, TimeUnit.SECONDS)).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(committed);
        } finally {
            stalling.abandonAfterReserving(0);
            threads.shutdownNow();
        }
    }

    /** Writes a record in a transaction that then fails, so its seq (if taken) is never committed. */
    private void rollBackAfterWriting(Namespace ns, String id) {
        try {
            synced.transact(ns, "writer", tx -> {
                tx.mutate(json("{\"resource\": \"todos\", \"version\": 1, \"operation\": \"insert\", "
                        + "\"record\": {\"id\": \"" + id + "\", \"title\": \"rolled back\"}}"));
                throw new IllegalStateException("roll back");
            });
        } catch (IllegalStateException expected) {
            // Nothing of it committed.
        }
    }

    private List<String> committedInSeqOrder(Namespace ns) {
        return stored.changes(ns).stream().filter(c -> c.resource().equals("todos"))
                .map(ChangeLogReader.StoredChange::recordId).toList();
    }
}
