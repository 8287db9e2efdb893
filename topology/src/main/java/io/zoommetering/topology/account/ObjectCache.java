package io.zoommetering.topology.account;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A store's recent values as objects, in front of the store, which every write still reaches at once (so what a
 * commit includes is unchanged). Reading a value the task used recently then costs a map lookup instead of a
 * store lookup and a decoding. Bounded, least recently used first out; created when the processor is initialised,
 * so a task that is revived or moved starts from what its store holds.
 */
public final class ObjectCache<K, V> {

    /** A key known to have no value. */
    private static final Object ABSENT = new Object();

    private final KeyValueStore<K, V> store;
    private final Map<K, Object> values;

    public ObjectCache(KeyValueStore<K, V> store, int capacity) {
        this.store = store;
        this.values = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, Object> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The value, which the caller may change only to {@link #put} it back. */
    @SuppressWarnings("unchecked")
    public V get(K key) {
        Object value = values.get(key);
        if (value == null) {
            V stored = store.get(key);
            values.put(key, stored == null ? ABSENT : stored);
            return stored;
        }
        return value == ABSENT ? null : (V) value;
    }

    public void put(K key, V value) {
        store.put(key, value);
        values.put(key, value);
    }

    public void delete(K key) {
        store.delete(key);
        values.put(key, ABSENT);
    }
}
