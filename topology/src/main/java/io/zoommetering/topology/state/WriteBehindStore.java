package io.zoommetering.topology.state;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.internals.WrappedStateStore;

/**
 * A key-value store layer that keeps what was written since the last commit as objects and writes each key to the
 * store below once, when the task commits: for state whose few keys change on nearly every record (the partial
 * aggregates), where writing through on every change cost a serialisation, a record-cache update and a metrics
 * sample per change (docs/BENCHMARKS.md).
 *
 * <p>Exactly-once still holds: Kafka Streams flushes every store before it commits a task's transaction
 * ({@code StreamTask.prepareCommit} calls {@link #flushCache()} of each registered store, and this layer is the one
 * registered), so the writes reach the changelog in the transaction of the records that made them. The layer
 * extends Kafka Streams' {@link WrappedStateStore} for that reason: it is the type the state manager recognises as
 * holding writes to flush. Reads see the pending writes; a range or a scan writes them first.
 *
 * <p>The pending writes and the kept objects belong to the stream thread that initialised the store; interactive
 * queries, which read from other threads, read the store below, which holds what was written by the last commit's
 * flush (never an object the stream thread is changing).
 *
 * <p>A value may be an object the caller keeps changing after it was written (a mutable aggregate): what is written
 * at the commit is its state then, which is the latest. A caller must not change a value it read without writing it
 * back.
 *
 * <p>Optionally the layer also keeps a bounded number of committed values as objects (least recently used out),
 * replacing Kafka Streams' record cache for reads: a hit costs a map lookup instead of a cache lookup and a
 * decoding, and the record cache below is then disabled.
 */
public final class WriteBehindStore<K, V> extends WrappedStateStore<KeyValueStore<K, V>, K, V>
        implements KeyValueStore<K, V> {

    /** A pending delete. */
    private static final Object DELETED = new Object();

    private final Map<K, Object> pending = new HashMap<>();
    /** Committed values (or DELETED for a key known to have none), most recently used last; null when not kept. */
    private final Map<K, Object> committed;

    /** The stream thread of the task; reads from any other thread go to the store below. */
    private Thread owner;

    /** Run before the pending writes are written ({@link #beforeWriting}). */
    private final List<Runnable> beforeWriting = new ArrayList<>();
    /** Whether those actions are running: what they put is written with the rest, without running them again. */
    private boolean preparing;

    private WriteBehindStore(KeyValueStore<K, V> inner, int committedValues) {
        super(inner);
        this.committed = committedValues == 0
                ? null
                : new LinkedHashMap<>(1024, 0.75f, true) {
                    @Override
                    protected boolean removeEldestEntry(Map.Entry<K, Object> eldest) {
                        return size() > committedValues;
                    }
                };
    }

    /** Committed values kept per store and task by {@link #cached}: about the users of a busy hour. */
    public static final int CACHED_VALUES = 10_000;

    /**
     * The builder's store with this layer in front, keeping {@link #CACHED_VALUES} committed values for reads: for
     * state read and written on most records of its keys.
     */
    public static <K, V> StoreBuilder<KeyValueStore<K, V>> cached(StoreBuilder<KeyValueStore<K, V>> builder) {
        return of(builder, CACHED_VALUES);
    }

    /** The builder's store with this layer in front, and no record cache below. */
    public static <K, V> StoreBuilder<KeyValueStore<K, V>> of(StoreBuilder<KeyValueStore<K, V>> builder) {
        return of(builder, 0);
    }

    /**
     * @param committedValues how many committed values the layer keeps as objects per task, for reads; no record
     *                        cache below
     */
    public static <K, V> StoreBuilder<KeyValueStore<K, V>> of(
            StoreBuilder<KeyValueStore<K, V>> builder, int committedValues) {
        builder.withCachingDisabled();
        return new Builder<>(builder, committedValues);
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        owner = Thread.currentThread();
        // Processors register their actions when they are initialised, after their stores.
        beforeWriting.clear();
        super.init(context, root);
    }

    /**
     * The write-behind layer of a store as a processor's context hands it out (decorated, for the processor API's
     * checks on what a processor may do with it).
     *
     * @throws IllegalArgumentException when the store has no such layer
     */
    public static WriteBehindStore<?, ?> under(StateStore store) {
        StateStore layer = store;
        while (!(layer instanceof WriteBehindStore<?, ?>)) {
            if (!(layer instanceof WrappedStateStore<?, ?, ?> wrapped)) {
                throw new IllegalArgumentException(store.name() + " is not a write-behind store");
            }
            layer = wrapped.wrapped();
        }
        return (WriteBehindStore<?, ?>) layer;
    }

    /**
     * An action run on the stream thread whenever the pending writes are about to be written: before every commit
     * of the task, and before a range or a scan reads the store below. For a caller that keeps changes of its own
     * in memory and puts them only then, so that many changes of one key cost one put; what it puts is in the
     * commit like every other write. An action must not read a range of this store or scan it. Actions registered
     * before the store is initialised are dropped.
     */
    public void beforeWriting(Runnable action) {
        beforeWriting.add(action);
    }

    @Override
    public void put(K key, V value) {
        pending.put(key, value == null ? DELETED : value);
    }

    @Override
    public V putIfAbsent(K key, V value) {
        V current = get(key);
        if (current == null) {
            put(key, value);
        }
        return current;
    }

    @Override
    public void putAll(List<KeyValue<K, V>> entries) {
        entries.forEach(entry -> put(entry.key, entry.value));
    }

    @Override
    public V delete(K key) {
        V current = get(key);
        pending.put(key, DELETED);
        return current;
    }

    @Override
    @SuppressWarnings("unchecked")
    public V get(K key) {
        if (Thread.currentThread() != owner) {
            return wrapped().get(key);
        }
        Object value = pending.get(key);
        if (value == null && committed != null) {
            value = committed.get(key);
        }
        if (value == null) {
            V stored = wrapped().get(key);
            if (committed != null) {
                committed.put(key, stored == null ? DELETED : stored);
            }
            return stored;
        }
        return value == DELETED ? null : (V) value;
    }

    @Override
    public KeyValueIterator<K, V> range(K from, K to) {
        writePending();
        return wrapped().range(from, to);
    }

    @Override
    public KeyValueIterator<K, V> reverseRange(K from, K to) {
        writePending();
        return wrapped().reverseRange(from, to);
    }

    @Override
    public KeyValueIterator<K, V> all() {
        writePending();
        return wrapped().all();
    }

    @Override
    public KeyValueIterator<K, V> reverseAll() {
        writePending();
        return wrapped().reverseAll();
    }

    @Override
    public <PS extends Serializer<P>, P> KeyValueIterator<K, V> prefixScan(P prefix, PS prefixKeySerializer) {
        writePending();
        return wrapped().prefixScan(prefix, prefixKeySerializer);
    }

    @Override
    public long approximateNumEntries() {
        return wrapped().approximateNumEntries();
    }

    /** Before the task's transaction commits. */
    @Override
    public void flushCache() {
        writePending();
        super.flushCache();
    }

    @Override
    public void commit(Map<TopicPartition, Long> changelogOffsets) {
        writePending();
        super.commit(changelogOffsets);
    }

    @Override
    public void close() {
        // Closing without a commit (a task found corrupted, or closed dirty) must not write what was not committed.
        pending.clear();
        beforeWriting.clear();
        if (committed != null) {
            committed.clear();
        }
        super.close();
    }

    @SuppressWarnings("unchecked")
    private void writePending() {
        if (Thread.currentThread() != owner || preparing) {
            return;
        }
        preparing = true;
        try {
            beforeWriting.forEach(Runnable::run);
        } finally {
            preparing = false;
        }
        if (pending.isEmpty()) {
            return;
        }
        KeyValueStore<K, V> inner = wrapped();
        for (Map.Entry<K, Object> entry : pending.entrySet()) {
            if (entry.getValue() == DELETED) {
                inner.delete(entry.getKey());
            } else {
                inner.put(entry.getKey(), (V) entry.getValue());
            }
            if (committed != null) {
                committed.put(entry.getKey(), entry.getValue());
            }
        }
        pending.clear();
    }

    private static final class Builder<K, V> implements StoreBuilder<KeyValueStore<K, V>> {

        private final StoreBuilder<KeyValueStore<K, V>> inner;
        private final int committedValues;

        Builder(StoreBuilder<KeyValueStore<K, V>> inner, int committedValues) {
            this.inner = inner;
            this.committedValues = committedValues;
        }

        /** The layer replaces the record cache: a record cache below it would only copy what it holds. */
        @Override
        public StoreBuilder<KeyValueStore<K, V>> withCachingEnabled() {
            return this;
        }

        @Override
        public StoreBuilder<KeyValueStore<K, V>> withCachingDisabled() {
            return this;
        }

        @Override
        public StoreBuilder<KeyValueStore<K, V>> withLoggingEnabled(Map<String, String> config) {
            inner.withLoggingEnabled(config);
            return this;
        }

        @Override
        public StoreBuilder<KeyValueStore<K, V>> withLoggingDisabled() {
            inner.withLoggingDisabled();
            return this;
        }

        @Override
        public KeyValueStore<K, V> build() {
            return new WriteBehindStore<>(inner.build(), committedValues);
        }

        @Override
        public Map<String, String> logConfig() {
            return inner.logConfig();
        }

        @Override
        public boolean loggingEnabled() {
            return inner.loggingEnabled();
        }

        @Override
        public String name() {
            return inner.name();
        }
    }
}
