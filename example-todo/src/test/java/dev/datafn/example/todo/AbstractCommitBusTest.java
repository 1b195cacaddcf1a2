package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datafn.DataFn;
import dev.datafn.db.Database;
import dev.datafn.mutation.write.CommittedWrite;
import dev.datafn.realtime.CommitBus;
import dev.datafn.realtime.CommitPublisher;
import dev.datafn.schema.Namespace;
import dev.datafn.schema.ResourceSchema;
import dev.datafn.testing.TestDatabases;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What every commit bus between instances keeps, tested with two engines over one database, each with a
 * bus of its own and publishing its commits on it, as two server instances do: a write on one instance is
 * heard on both, in order, under its own namespace; a write too large to list its resources is heard as a
 * write to every resource; the bus survives garbage on its channel and connections cut by the server; and
 * closing it lets go of its connections.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractCommitBusTest {

    protected DataFn first;
    protected DataFn second;
    protected CommitBus firstBus;
    protected CommitBus secondBus;
    private final List<AutoCloseable> opened = new ArrayList<>();

    /** @return the database both instances share; skips the suite when its servers are not configured */
    abstract Database sharedDatabase();

    /** @param everyResource what a write too large to list its resources stands for @return a connected bus */
    abstract CommitBus openBus(Set<String> everyResource);

    /** @param bus a bus of this suite @return how many of the bus's connections the server cut */
    abstract int cutConnections(CommitBus bus) throws Exception;

    /** @param bus a bus of this suite @return how many connections the server holds for it */
    abstract int connectionsOf(CommitBus bus) throws Exception;

    /** Sends a payload on the buses' channel as another program could. */
    abstract void sendRaw(String payload) throws Exception;

    @BeforeAll
    void startTwoInstances() {
        Database database = sharedDatabase();
        first = open(DataFn.builder().schema(TodoAppSchema.INSTANCE).database(database).build());
        second = open(DataFn.builder().schema(TodoAppSchema.INSTANCE).database(database).build());
        firstBus = open(openBus(everyResource()));
        secondBus = open(openBus(everyResource()));
        open(CommitPublisher.start(first, firstBus));
        open(CommitPublisher.start(second, secondBus));
    }

    private <T extends AutoCloseable> T open(T resource) {
        opened.add(resource);
        return resource;
    }

    @AfterAll
    void stopInstances() throws Exception {
        for (AutoCloseable resource : opened.reversed()) {
            resource.close();
        }
        opened.clear();
    }

    Set<String> everyResource() {
        return TodoAppSchema.INSTANCE.resources().stream().map(ResourceSchema::name).collect(Collectors.toSet());
    }

    @Test
    void aWriteOnOneInstanceIsHeardOnBothInTheOrderItCommitted() throws Exception {
        Namespace ns = TestDatabases.uniqueNamespace("bus-order");
        int writes = 100;
        try (HeardWrites onFirst = new HeardWrites(firstBus, Set.of(ns));
                HeardWrites onSecond = new HeardWrites(secondBus, Set.of(ns))) {
            for (int i = 0; i < writes; i++) {
                insert(first, ns, "todos");
            }
            List<CommittedWrite> expected = LongStream.rangeClosed(1, writes)
                    .mapToObj(seq -> new CommittedWrite(ns, seq, Set.of("todos"))).toList();

            assertThat(onSecond.next(writes)).containsExactlyElementsOf(expected);
            assertThat(onFirst.next(writes)).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void namespacesWrittenAtOnceOnBothInstancesNeverMix() throws Exception {
        int namespaces = 6;
        int writes = 25;
        List<Namespace> all = IntStream.range(0, namespaces)
                .mapToObj(i -> TestDatabases.uniqueNamespace("bus-mix-" + i)).toList();
        try (HeardWrites onFirst = new HeardWrites(firstBus, Set.copyOf(all));
                HeardWrites onSecond = new HeardWrites(secondBus, Set.copyOf(all));
                ExecutorService writers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < namespaces; i++) {
                // Half the namespaces are written on each instance, half to todos and half to tags, apart.
                DataFn instance = i % 2 == 0 ? first : second;
                String resource = i < namespaces / 2 ? "todos" : "tags";
                Namespace ns = all.get(i);
                done.add(writers.submit(() -> {
                    for (int w = 0; w < writes; w++) {
                        insert(instance, ns, resource);
                    }
                    return null;
                }));
            }
            for (Future<?> writer : done) {
                writer.get();
            }

            for (HeardWrites heard : List.of(onFirst, onSecond)) {
                Map<Namespace, List<CommittedWrite>> byNamespace = new LinkedHashMap<>();
                for (CommittedWrite write : heard.next(namespaces * writes)) {
                    byNamespace.computeIfAbsent(write.namespace(), n -> new ArrayList<>()).add(write);
                }
                for (int i = 0; i < namespaces; i++) {
                    Namespace ns = all.get(i);
                    Set<String> resources = Set.of(i < namespaces / 2 ? "todos" : "tags");
                    assertThat(byNamespace.get(ns)).as(ns.value()).containsExactlyElementsOf(LongStream
                            .rangeClosed(1, writes).mapToObj(seq -> new CommittedWrite(ns, seq, resources)).toList());
                }
            }
        }
    }

    @Test
    void aWriteTooLargeToListItsResourcesIsHeardAsAWriteToEveryResource() throws Exception {
        Namespace ns = TestDatabases.uniqueNamespace("bus-size");
        // The payload is {"ns":…,"seq":…,"res":[…]}; PostgreSQL refuses a NOTIFY payload of 8000 bytes or more.
        int overhead = ("{\"ns\":\"" + ns.value() + "\",\"seq\":1,\"res\":[\"\"]}").getBytes(StandardCharsets.UTF_8)
                .length;
        String largest = "r".repeat(7999 - overhead);
        Set<String> many = IntStream.range(0, 1000).mapToObj(i -> "resource_" + i).collect(Collectors.toSet());
        try (HeardWrites onSecond = new HeardWrites(secondBus, Set.of(ns))) {
            firstBus.publish(new CommittedWrite(ns, 1, Set.of(largest)));
            firstBus.publish(new CommittedWrite(ns, 2, Set.of(largest + "r")));
            firstBus.publish(new CommittedWrite(ns, 3, many));
            firstBus.publish(new CommittedWrite(ns, 4, Set.of("todos")));

            assertThat(onSecond.next(4)).containsExactly(
                    new CommittedWrite(ns, 1, Set.of(largest)),
                    new CommittedWrite(ns, 2, everyResource()),
                    new CommittedWrite(ns, 3, everyResource()),
                    new CommittedWrite(ns, 4, Set.of("todos")));
        }
    }

    @Test
    void garbageOnTheChannelIsIgnoredAndTheWritesAfterItAreHeard() throws Exception {
        Namespace ns = TestDatabases.uniqueNamespace("bus-garbage");
        try (HeardWrites onSecond = new HeardWrites(secondBus, Set.of(ns))) {
            sendRaw("not json");
            sendRaw("{\"ns\": \"" + ns.value() + "\"}");
            sendRaw("{\"ns\": \"" + ns.value() + "\", \"seq\": \"high\", \"res\": []}");
            sendRaw("{\"ns\": \"\", \"seq\": 5}");
            insert(first, ns, "todos");

            assertThat(onSecond.next(1)).containsExactly(new CommittedWrite(ns, 1, Set.of("todos")));
            assertThat(onSecond.poll(Duration.ofMillis(300))).isNull();
        }
    }

    @Test
    void deliveryResumesAfterTheServerCutsTheBusConnections() throws Exception {
        Namespace ns = TestDatabases.uniqueNamespace("bus-reconnect");
        try (HeardWrites onSecond = new HeardWrites(secondBus, Set.of(ns))) {
            insert(first, ns, "todos");
            assertThat(onSecond.next(1)).extracting(CommittedWrite::lastServerSeq).containsExactly(1L);

            // The first bus has published, so both its connections are up; the second has only listened.
            assertThat(cutConnections(firstBus)).isEqualTo(2);
            assertThat(cutConnections(secondBus)).isEqualTo(1);

            // Writes published while a subscription is down are lost to it: write until one is heard again.
            long deadline = System.nanoTime() + HeardWrites.PATIENCE.toNanos();
            CommittedWrite resumed = null;
            while (resumed == null && System.nanoTime() < deadline) {
                insert(first, ns, "todos");
                resumed = onSecond.poll(Duration.ofMillis(250));
            }
            assertThat(resumed).as("a write heard again after the connections were cut").isNotNull();

            long last = insert(first, ns, "todos");
            List<Long> after = new ArrayList<>(List.of(resumed.lastServerSeq()));
            while (after.getLast() < last) {
                after.add(onSecond.next(1).getFirst().lastServerSeq());
            }
            assertThat(after).as("seqs heard once delivery resumed").isSorted().doesNotHaveDuplicates();
        }
    }

    @Test
    void closeLetsGoOfEveryConnection() throws Exception {
        Namespace ns = TestDatabases.uniqueNamespace("bus-close");
        CommitBus bus = openBus(everyResource());
        try (HeardWrites heard = new HeardWrites(bus, Set.of(ns))) {
            bus.publish(new CommittedWrite(ns, 1, Set.of("todos")));
            heard.next(1);
            assertThat(connectionsOf(bus)).as("listening and publishing connections").isEqualTo(2);
        } finally {
            bus.close();
        }
        long deadline = System.nanoTime() + HeardWrites.PATIENCE.toNanos();
        // The server lets go of a closed connection's session a moment after the client closed it.
        while (connectionsOf(bus) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(connectionsOf(bus)).as("connections left after close").isZero();
    }

    /** @return the serverSeq of an insert into the resource through the instance */
    static long insert(DataFn instance, Namespace ns, String resource) {
        String record = resource.equals("tags")
                ? "{\"name\": \"tag-" + java.util.UUID.randomUUID() + "\"}"
                : "{\"title\": \"heard\"}";
        return instance.mutate(ns, "tester", AbstractEngineTest.json("""
                {"resource": "%s", "version": 1, "operation": "insert", "record": %s}""".formatted(resource, record)))
                .serverSeq();
    }
}
