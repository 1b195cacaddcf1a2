package dev.datafn.sequence;

import dev.datafn.schema.Namespace;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The namespaces whose counter a store has ensured in this process. Bounded, since a deployment may have
 * a namespace per user: past the bound it starts over, which only costs a namespace one more
 * {@code ensureCounter}.
 */
final class EnsuredCounters {

    private static final int BOUND = 100_000;

    private final Set<Namespace> namespaces = ConcurrentHashMap.newKeySet();

    boolean contains(Namespace namespace) {
        return namespaces.contains(namespace);
    }

    void add(Namespace namespace) {
        if (namespaces.size() >= BOUND) {
            namespaces.clear();
        }
        namespaces.add(namespace);
    }

    void remove(Namespace namespace) {
        namespaces.remove(namespace);
    }
}
