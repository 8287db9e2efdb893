package io.zoommetering.topology.account;

import io.zoommetering.avro.internal.Measures;
import io.zoommetering.avro.internal.PartialAggregate;
import io.zoommetering.topology.aggregate.AggregateKeyBytes;
import io.zoommetering.topology.aggregate.AggregateOutput;
import io.zoommetering.topology.aggregate.MeasureSets;
import io.zoommetering.topology.money.Fraction;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
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
 * were committed but not shipped before. Aggregates are found by their {@link AggregateKeyBytes}, which are also
 * their key in the store and on the partials topic.
 */
public final class PartialAggregates {

    /** Aggregates kept as objects per task: the keys of recent periods, which nearly every record changes. */
    private static final int CACHED = 4_096;

    private final KeyValueStore<Bytes, Measures> partials;
    private final AggregateKeyBytes keys = new AggregateKeyBytes();
    private final Set<Bytes> dirty = new LinkedHashSet<>();
    private final Set<Bytes> changed = new LinkedHashSet<>();
    private final Map<Bytes, Measures> cache = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Bytes, Measures> eldest) {
            return size() > CACHED && !dirty.contains(eldest.getKey());
        }
    };

    PartialAggregates(KeyValueStore<Bytes, Measures> partials) {
        this.partials = partials;
        try (KeyValueIterator<Bytes, Measures> all = partials.all()) {
            while (all.hasNext()) {
                changed.add(all.next().key);
            }
        }
    }

    public <K extends SpecificRecord> void addCount(AggregateOutput<K, ?> output, K key, String measure, long delta) {
        if (delta == 0) {
            return;
        }
        Bytes bytes = keys.encode(output, key);
        MeasureSets.addCount(current(bytes), measure, delta);
        touch(bytes);
    }

    public <K extends SpecificRecord> void addAmount(
            AggregateOutput<K, ?> output, K key, String measure, Fraction delta) {
        if (delta.signum() == 0) {
            return;
        }
        Bytes bytes = keys.encode(output, key);
        MeasureSets.addAmount(current(bytes), measure, delta);
        touch(bytes);
    }

    /** Writes the aggregates the current record changed to the store; called when each record is done. */
    void flush() {
        for (Bytes key : dirty) {
            // An aggregate that became empty is kept, not deleted: after a crash between its commit and its
            // shipment, the restart ships every stored aggregate, and only a stored empty one tells the combiner
            // that this task's share of the key is gone.
            partials.put(key, cache.get(key));
        }
        dirty.clear();
    }

    /** Forwards every changed aggregate, stamped with the task's stream time, and forgets that it changed. */
    void ship(ProcessorContext<Object, Object> context, String source) {
        flush();
        for (Bytes key : changed) {
            PartialAggregate partial = new PartialAggregate(source, MeasureSets.copy(current(key)));
            context.forward(new Record<Object, Object>(key, partial, Math.max(0, context.currentStreamTimeMs())));
        }
        changed.clear();
    }

    private Measures current(Bytes key) {
        Measures measures = cache.get(key);
        if (measures == null) {
            Measures stored = partials.get(key);
            measures = stored == null ? MeasureSets.empty() : stored;
            cache.put(key, measures);
        }
        return measures;
    }

    private void touch(Bytes key) {
        dirty.add(key);
        changed.add(key);
    }
}
