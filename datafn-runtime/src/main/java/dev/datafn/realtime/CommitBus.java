package dev.datafn.realtime;

import dev.datafn.mutation.write.CommittedWrite;
import java.util.function.Consumer;

/**
 * Carries committed writes to every server instance that serves the same data, this one included, so that
 * a commit on one instance reaches the live clients connected to another. Each instance publishes the
 * writes its engine commits and subscribes once.
 *
 * <p>What every bus keeps: the writes of one namespace published by one instance arrive in the order they
 * were published; a namespace's writes are never delivered as another's. A bus may lose a write while its
 * connection is down (a client then catches up at its next cursor or its reconnect's hello), and says so
 * in the log.
 */
public interface CommitBus extends AutoCloseable {

    /**
     * Sends a committed write to every subscriber of every instance. Quick: called on the writing thread.
     *
     * @param write the write
     */
    void publish(CommittedWrite write);

    /**
     * @param listener hears every write published on the bus, by any instance, on a thread of the bus
     * @return closes the subscription
     */
    AutoCloseable subscribe(Consumer<CommittedWrite> listener);

    /** Stops delivering and lets go of the bus's connections. */
    @Override
    void close();
}
