package dev.datafn.realtime;

import dev.datafn.mutation.write.CommittedWrite;
import java.util.function.Consumer;

/**
 * The bus of a single instance (the embedded H2 default): a published write goes straight to this
 * process's subscribers, on the publishing thread.
 */
public final class InProcessCommitBus implements CommitBus {

    private final Subscribers subscribers = new Subscribers();

    /** Creates a bus with no subscriber. */
    public InProcessCommitBus() {
    }

    @Override
    public void publish(CommittedWrite write) {
        subscribers.deliver(write);
    }

    @Override
    public AutoCloseable subscribe(Consumer<CommittedWrite> listener) {
        return subscribers.add(listener);
    }

    @Override
    public void close() {
        subscribers.clear();
    }
}
