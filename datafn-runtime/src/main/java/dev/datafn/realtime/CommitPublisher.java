package dev.datafn.realtime;

import dev.datafn.DataFn;
import java.util.Objects;

/**
 * Publishes every write an engine commits on a {@link CommitBus}, so every instance's subscribers (this
 * one's included) hear it. Publishing only queues the write (the buses send from a thread of their own),
 * so writers are not slowed by the bus.
 */
public final class CommitPublisher implements AutoCloseable {

    private final AutoCloseable registration;

    private CommitPublisher(AutoCloseable registration) {
        this.registration = registration;
    }

    /**
     * @param datafn the engine whose commits are published
     * @param bus    the bus they go on
     * @return the publishing; closing it stops it (the bus stays open: its owner closes it)
     */
    public static CommitPublisher start(DataFn datafn, CommitBus bus) {
        Objects.requireNonNull(bus, "bus");
        return new CommitPublisher(datafn.onCommit(bus::publish));
    }

    /** Stops publishing this engine's commits. */
    @Override
    public void close() {
        try {
            registration.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
