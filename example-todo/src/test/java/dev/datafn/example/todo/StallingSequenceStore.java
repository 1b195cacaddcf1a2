package dev.datafn.example.todo;

import dev.datafn.schema.Namespace;
import dev.datafn.sequence.SequenceStore;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.hibernate.Session;

/**
 * A sequence store that can hold one writer between reserving its seqs and committing: the moment in
 * which a lower seq may still be uncommitted while higher ones commit.
 */
final class StallingSequenceStore implements SequenceStore {

    private final SequenceStore delegate;
    private final AtomicReference<CountDownLatch> stallNext = new AtomicReference<>();
    private volatile CountDownLatch stalled;
    private volatile double abandonRate;
    private final ThreadLocal<Long> pauseAfterSettled = new ThreadLocal<>();

    StallingSequenceStore(SequenceStore delegate) {
        this.delegate = delegate;
    }

    /**
     * Makes the next reservation wait, after it is made, until {@code release} counts down.
     *
     * @return a latch that counts down once the writer holds its seqs and waits
     */
    CountDownLatch stallNextReservation(CountDownLatch release) {
        stalled = new CountDownLatch(1);
        stallNext.set(release);
        return stalled;
    }

    /**
     * Makes this thread's next {@link #settled} call wait after reading, so that writers commit between
     * the read and whatever the caller does next.
     */
    void pauseAfterNextSettled(long millis) {
        pauseAfterSettled.set(millis);
    }

    /** @param rate the share of reservations whose transaction then fails (and rolls back), 0 to 1 */
    void abandonAfterReserving(double rate) {
        abandonRate = rate;
    }

    @Override
    public void ensureCounter(Namespace namespace) {
        delegate.ensureCounter(namespace);
    }

    @Override
    public long reserve(Session session, Namespace namespace, int count) {
        long last = delegate.reserve(session, namespace, count);
        if (abandonRate > 0 && java.util.concurrent.ThreadLocalRandom.current().nextDouble() < abandonRate) {
            throw new Abandoned();
        }
        CountDownLatch release = stallNext.getAndSet(null);
        if (release != null) {
            stalled.countDown();
            try {
                if (!release.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the stalled writer was never released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return last;
    }

    @Override
    public boolean settledMatchesSnapshot() {
        return delegate.settledMatchesSnapshot();
    }

    /** The failure injected after a reservation. */
    static final class Abandoned extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Abandoned() {
            super("abandoned after reserving its seqs", null, false, false);
        }
    }

    @Override
    public long settled(Session session, Namespace namespace) {
        long settled = delegate.settled(session, namespace);
        Long pause = pauseAfterSettled.get();
        if (pause != null) {
            pauseAfterSettled.remove();
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return settled;
    }
}
