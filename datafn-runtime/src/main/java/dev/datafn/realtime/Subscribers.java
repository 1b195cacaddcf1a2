package dev.datafn.realtime;

import dev.datafn.mutation.write.CommittedWrite;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** A bus's subscribers: each hears every write, and one that throws neither stops the bus nor the others. */
final class Subscribers {

    private static final System.Logger LOG = System.getLogger(Subscribers.class.getName());

    private final List<Consumer<CommittedWrite>> listeners = new CopyOnWriteArrayList<>();

    /** @param listener a new subscriber @return closes its subscription */
    AutoCloseable add(Consumer<CommittedWrite> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return () -> listeners.remove(listener);
    }

    /** @param write a write heard on the bus, told to every subscriber */
    void deliver(CommittedWrite write) {
        for (Consumer<CommittedWrite> listener : listeners) {
            try {
                listener.accept(write);
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "a commit bus subscriber failed", e);
            }
        }
    }

    void clear() {
        listeners.clear();
    }
}
