package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datafn.mutation.write.CommittedWrite;
import dev.datafn.realtime.CommitBus;
import dev.datafn.schema.Namespace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A subscriber of a commit bus that keeps, in the order heard, the writes of the namespaces a test watches:
 * the bus is shared with other suites and instances, whose writes it leaves out.
 */
final class HeardWrites implements AutoCloseable {

    /**
     * How long a test waits for writes to arrive before it fails: generous for a busy machine, since only
     * arrival is asserted, never speed.
     */
    static final Duration PATIENCE = Duration.ofSeconds(30);

    private final Set<Namespace> watched;
    private final BlockingQueue<CommittedWrite> heard = new LinkedBlockingQueue<>();
    private final AutoCloseable subscription;

    /** Subscribes to the bus for the namespaces' writes. */
    HeardWrites(CommitBus bus, Set<Namespace> watched) {
        this.watched = Set.copyOf(watched);
        this.subscription = bus.subscribe(write -> {
            if (this.watched.contains(write.namespace())) {
                heard.add(write);
            }
        });
    }

    /** @return the next writes heard, as many as asked; fails when they do not all arrive in time */
    List<CommittedWrite> next(int count) throws InterruptedException {
        List<CommittedWrite> writes = new ArrayList<>();
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (writes.size() < count) {
            CommittedWrite write = heard.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            assertThat(write).as("write %d of %d heard within %s (so far: %s)", writes.size() + 1, count, PATIENCE,
                    writes).isNotNull();
            writes.add(write);
        }
        return writes;
    }

    /** @return the next write heard within the wait, or null */
    CommittedWrite poll(Duration wait) throws InterruptedException {
        return heard.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** @return whatever else was heard by now */
    List<CommittedWrite> rest() {
        List<CommittedWrite> rest = new ArrayList<>();
        heard.drainTo(rest);
        return rest;
    }

    @Override
    public void close() throws Exception {
        subscription.close();
    }
}
