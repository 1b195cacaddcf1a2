package dev.datafn.realtime;

import dev.datafn.mutation.write.CommittedWrite;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The bus of a single instance (the embedded H2 default): a published write goes straight to this
 * process's subscribers, on the publishing thread.
 */
public final class InProcessCommitBus implements CommitBus {

    private final List<Consumer<CommittedWrite>> listeners = new CopyOnWriteArrayList<>();

    /** Creates a bus with no subscriber. */
    public InProcessCommitBus() {
    }

    @Override
    public void publish(CommittedWrite write) {
        for (Consumer<CommittedWrite> listener : listeners) {
            listener.accept(write);
        }
    }

    @Override
    public AutoCloseable subscribe(Consumer<CommittedWrite> listener) {
        listeners.add(java.util.Objects.requireNonNull(listener, "listener"));
        return () -> listeners.remove(listener);
    }

    @Override
    public void close() {
        listeners.clear();
    }
}
