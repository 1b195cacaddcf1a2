package dev.datafn.sequence;

/**
 * The small key-value SPI {@link KVSequenceStore} runs on: get and compare-and-set of text values, which
 * DynamoDB (conditional writes), etcd, Consul, FoundationDB and Redis all offer.
 * {@link InMemoryKeyValueStore} is the in-process implementation.
 */
public interface KeyValueStore {

    /**
     * @param key the key
     * @return its value, or {@code null} when it has none
     */
    String get(String key);

    /**
     * Sets the key's value only if it is still {@code expected}.
     *
     * @param key      the key
     * @param expected the value it must have now; {@code null} for "absent"
     * @param value    the new value
     * @return whether the value was set
     */
    boolean compareAndSet(String key, String expected, String value);
}
