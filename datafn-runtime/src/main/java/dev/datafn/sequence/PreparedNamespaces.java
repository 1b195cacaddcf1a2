package dev.datafn.sequence;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The namespaces a store has prepared in this process. Bounded, since a deployment may have a namespace
 * per user: past the bound it starts over, which only costs a namespace one more {@code prepare}.
 */
final class PreparedNamespaces {

    private static final int BOUND = 100_000;

    private final Set<String> namespaces = ConcurrentHashMap.newKeySet();

    boolean contains(String namespace) {
        return namespaces.contains(namespace);
    }

    void add(String namespace) {
        if (namespaces.size() >= BOUND) {
            namespaces.clear();
        }
        namespaces.add(namespace);
    }

    void remove(String namespace) {
        namespaces.remove(namespace);
    }
}
