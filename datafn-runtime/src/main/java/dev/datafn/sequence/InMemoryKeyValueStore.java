package dev.datafn.sequence;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** A {@link KeyValueStore} in this process's memory: for one server, and for tests. */
public final class InMemoryKeyValueStore implements KeyValueStore {

    private final ConcurrentMap<String, String> values = new ConcurrentHashMap<>();

    /** Creates an empty store. */
    public InMemoryKeyValueStore() {
    }

    @Override
    public String get(String key) {
        return values.get(key);
    }

    @Override
    public boolean compareAndSet(String key, String expected, String value) {
        Objects.requireNonNull(value, "value");
        return expected == null ? values.putIfAbsent(key, value) == null : values.replace(key, expected, value);
    }
}
