package io.zoommetering.topology.account;

import io.zoommetering.avro.internal.AggregateKey;
import io.zoommetering.avro.internal.Measures;
import io.zoommetering.avro.internal.PartialAggregate;
import io.zoommetering.topology.aggregate.MeasureSets;
import io.zoommetering.topology.money.Fraction;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
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
 */
final class PartialAggregates {

    /** Aggregates kept as objects per task: the keys of recent periods, which nearly every record changes. */
    private static final int CACHED = 4_096;

    private final KeyValueStore<AggregateKey, Measures> partials;
    private final Set<AggregateKey> dirty = new LinkedHashSet<>();
    private final Set<AggregateKey> changed = new LinkedHashSet<>();
    private final Map<AggregateKey, Measures> cache = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<AggregateKey, Measures> eldest) {
            return size() > CACHED && !dirty.contains(eldest.getKey());
        }
    };

    PartialAggregates(KeyValueStore<AggregateKey, Measures> partials) {
        this.partials = partials;
        try (KeyValueIterator<AggregateKey, Measures> all = partials.all()) {
            while (all.hasNext()) {
                changed.add(all.next().key);
            }
        }
    }

    void addCount(AggregateKey key, String measure, long delta) {
        if (delta == 0) {
            return;
        }
        MeasureSets.addCount(current(key), measure, delta);
        touch(key);
    }

    void addAmount(AggregateKey key, String measure, Fraction delta) {
        if (delta.signum() == 0) {
            return;
        }
        MeasureSets.addAmount(current(key), measure, delta);
        touch(key);
    }

    /** Writes the aggregates the current record changed to the store; called when each record is done. */
    void flush() {
        for (AggregateKey key : dirty) {
            // An aggregate that became empty is kept, not deleted: after a crash between its commit and its
            // shipment, the restart ships every stored aggregate, and only a stored empty one tells the combiner
            // that this task's share of the key is gone.
            partials.put(key, cache.get(key));
        }
        dirty.clear();
    }

    /** Forwards every changed aggregate, stamped with the task's stream time, and forgets that it changed. */
    void ship(ProcessorContext<AggregateKey, PartialAggregate> context, String source) {
        flush();
        for (AggregateKey key : changed) {
            PartialAggregate partial = new PartialAggregate(source, MeasureSets.copy(current(key)));
            context.forward(new Record<>(key, partial, Math.max(0, context.currentStreamTimeMs())));
        }
        changed.clear();
    }

    private Measures current(AggregateKey key) {
        Measures measures = cache.get(key);
        if (measures == null) {
            measures = partials.get(key);
            if (measures == null) {
                measures = MeasureSets.empty();
            }
            cache.put(key, measures);
        }
        return measures;
    }

    private void touch(AggregateKey key) {
        dirty.add(key);
        changed.add(key);
    }
}
