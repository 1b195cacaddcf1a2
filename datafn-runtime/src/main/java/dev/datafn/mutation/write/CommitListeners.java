package dev.datafn.mutation.write;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Who hears of each committed write, called on the writing thread right after the commit. Listeners are
 * added and removed while the engine serves; one that throws is logged and the others still hear.
 */
public final class CommitListeners {

    private static final System.Logger LOG = System.getLogger(CommitListeners.class.getName());

    private final List<Consumer<CommittedWrite>> listeners = new CopyOnWriteArrayList<>();

    /** Creates a registry with no listener. */
    public CommitListeners() {
    }

    /**
     * @param listener told of each committed write; must be quick (hand slow work to a thread of its own)
     * @return closes the registration
     */
    public AutoCloseable add(Consumer<CommittedWrite> listener) {
        java.util.Objects.requireNonNull(listener, "listener");
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** @param write a write that committed; each listener hears it */
    void committed(CommittedWrite write) {
        for (Consumer<CommittedWrite> listener : listeners) {
            try {
                listener.accept(write);
            } catch (RuntimeException e) {
                // The write stands: a listener's failure is its own, never the writer's.
                LOG.log(Level.ERROR, "a commit listener failed", e);
            }
        }
    }
}
