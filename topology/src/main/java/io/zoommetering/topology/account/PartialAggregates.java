package io.zoommetering.topology.account;

import io.zoommetering.avro.internal.AggregateKey;
import io.zoommetering.avro.internal.Measures;
import io.zoommetering.avro.internal.PartialAggregate;
import io.zoommetering.topology.aggregate.AggregateSerdes;
import io.zoommetering.topology.aggregate.MeasureSets;
import io.zoommetering.topology.money.Fraction;
import io.zoommetering.topology.state.CompactSerde;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The aggregates over the accounts of one task, and which of them changed since they were last shipped.
 * Shipping absolute values, not deltas, makes a re-sent partial harmless, and shipping only changed keys once per
 * interval keeps the partials topic small however many events a key sees.
 *
 * <p>The aggregates live in a changelogged store, so a change survives a crash; a record's changes reach the store
 * once per key, when the record is done ({@link #flush()}), from a cache of the aggregates as objects (a record
 * changes a few keys several times, and most records change the same few keys). Which keys changed is kept in
 * memory only: after a restart every aggregate is shipped once, which is harmless and covers the changes that
 * were committed but not shipped before.
 *
 * <p>Aggregates are found by their key's compact encoding ({@link AggregateSerdes#keys()}), which is also their
 * key in the store: hashing and comparing a few bytes is much cheaper than an Avro record's schema-driven
 * hashCode and equals, which a record needs several times per key.
 */
final class PartialAggregates {

    /** Aggregates kept as objects per task: the keys of recent periods, which nearly every record changes. */
    private static final int CACHED = 4_096;
    private static final CompactSerde<AggregateKey> KEYS = AggregateSerdes.keys();

    private final KeyValueStore<Bytes, Measures> partials;
    private final Set<Bytes> dirty = new LinkedHashSet<>();
    private final Set<Bytes> changed = new LinkedHashSet<>();
    private final Map<Bytes, Aggregate> cache = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Bytes, Aggregate> eldest) {
            return size() > CACHED && !dirty.contains(eldest.getKey());
        }
    };

    /** An aggregate's key, as an object for the partials topic, and its measures. */
    private record Aggregate(AggregateKey key, Measures measures) {
    }

    PartialAggregates(KeyValueStore<Bytes, Measures> partials) {
        this.partials = partials;
        try (KeyValueIterator<Bytes, Measures> all = partials.all()) {
            while (all.hasNext()) {
                changed.add(all.next().key);
            }
        }
    }

    void addCount(AggregateKey key, String measure, long delta) {
        if (delta == 0) {
            return;
        }
        Bytes bytes = bytes(key);
        MeasureSets.addCount(current(bytes, key).measures(), measure, delta);
        touch(bytes);
    }

    void addAmount(AggregateKey key, String measure, Fraction delta) {
        if (delta.signum() == 0) {
            return;
        }
        Bytes bytes = bytes(key);
        MeasureSets.addAmount(current(bytes, key).measures(), measure, delta);
        touch(bytes);
    }

    /** Writes the aggregates the current record changed to the store; called when each record is done. */
    void flush() {
        for (Bytes key : dirty) {
            // An aggregate that became empty is kept, not deleted: after a crash between its commit and its
            // shipment, the restart ships every stored aggregate, and only a stored empty one tells the combiner
            // that this task's share of the key is gone.
            partials.put(key, cache.get(key).measures());
        }
        dirty.clear();
    }

    /** Forwards every changed aggregate, stamped with the task's stream time, and forgets that it changed. */
    void ship(ProcessorContext<AggregateKey, PartialAggregate> context, String source) {
        flush();
        for (Bytes bytes : changed) {
            Aggregate aggregate = current(bytes, null);
            PartialAggregate partial = new PartialAggregate(source, MeasureSets.copy(aggregate.measures()));
            context.forward(new Record<>(aggregate.key(), partial, Math.max(0, context.currentStreamTimeMs())));
        }
        changed.clear();
    }

    private static Bytes bytes(AggregateKey key) {
        return Bytes.wrap(KEYS.serialize(null, key));
    }

    /** @param key the key as an object, or null to decode it from its bytes */
    private Aggregate current(Bytes bytes, AggregateKey key) {
        Aggregate aggregate = cache.get(bytes);
        if (aggregate == null) {
            Measures measures = partials.get(bytes);
            aggregate = new Aggregate(key != null ? key : KEYS.deserialize(null, bytes.get()),
                    measures == null ? MeasureSets.empty() : measures);
            cache.put(bytes, aggregate);
        }
        return aggregate;
    }

    private void touch(Bytes key) {
        dirty.add(key);
        changed.add(key);
    }
}
