package io.zoommetering.topology.account;

import io.zoommetering.avro.internal.Measures;
import io.zoommetering.avro.internal.PartialAggregate;
import io.zoommetering.topology.aggregate.AggregateKeyBytes;
import io.zoommetering.topology.aggregate.AggregateOutput;
import io.zoommetering.topology.aggregate.MeasureSets;
import io.zoommetering.topology.money.Fraction;
import io.zoommetering.topology.state.WriteBehindStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
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
 * <p>The aggregates live in a changelogged store, so a change survives a crash; the store is a
 * {@link io.zoommetering.topology.state.WriteBehindStore}, which writes each changed key once per commit (most
 * records change the same few keys), and a cache of the aggregates as objects saves decoding the keys of recent
 * periods on every record. Which keys changed is kept in
 * memory only: after a restart every aggregate is shipped once, which is harmless and covers the changes that
 * were committed but not shipped before. Aggregates are found by their {@link AggregateKeyBytes}, which are also
 * their key in the store and on the partials topic.
 */
public final class PartialAggregates {

    /** Aggregates kept as objects per task: the keys of recent periods, which nearly every record changes. */
    private static final int CACHED = 4_096;

    private final KeyValueStore<Bytes, Measures> partials;
    private final List<Runnable> beforeReading = new ArrayList<>();
    private final AggregateKeyBytes keys = new AggregateKeyBytes();
    private Set<Bytes> changed = new LinkedHashSet<>();
    private final Map<Bytes, Measures> cache = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Bytes, Measures> eldest) {
            return size() > CACHED;
        }
    };

    PartialAggregates(KeyValueStore<Bytes, Measures> partials) {
        this.partials = partials;
        WriteBehindStore.under(partials).beforeWriting(this::applyDeferred);
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
        Measures measures = current(bytes);
        MeasureSets.addCount(measures, measure, delta);
        touch(bytes, measures);
    }

    public <K extends SpecificRecord> void addAmount(
            AggregateOutput<K, ?> output, K key, String measure, Fraction delta) {
        if (delta.signum() == 0) {
            return;
        }
        Bytes bytes = keys.encode(output, key);
        Measures measures = current(bytes);
        MeasureSets.addAmount(measures, measure, delta);
        touch(bytes, measures);
    }

    /**
     * An action that adds changes a ledger kept in memory: run before the aggregates are shipped and before they
     * are written to their store (every commit), so that a ledger whose records change many keys each can sum the
     * changes of many records first and add each key's once (what is added is in the same commit as the records
     * that made it).
     */
    public void beforeReading(Runnable addDeferred) {
        beforeReading.add(addDeferred);
    }

    private void applyDeferred() {
        beforeReading.forEach(Runnable::run);
    }

    /** Forwards every changed aggregate, stamped with the task's stream time, and forgets that it changed. */
    void ship(ProcessorContext<Object, Object> context, String source) {
        applyDeferred();
        for (Bytes key : changed) {
            PartialAggregate partial = new PartialAggregate(source, MeasureSets.copy(current(key)));
            context.forward(new Record<Object, Object>(key, partial, Math.max(0, context.currentStreamTimeMs())));
        }
        // A new set, not clear(): clearing a hash set costs the largest size it ever had (after a restart, every
        // stored key), and that on every shipment.
        changed = new LinkedHashSet<>();
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

    private void touch(Bytes key, Measures measures) {
        // The store writes the object as it is at the commit. An aggregate that became empty is kept, not deleted:
        // after a crash between its commit and its shipment, the restart ships every stored aggregate, and only a
        // stored empty one tells the combiner that this task's share of the key is gone.
        partials.put(key, measures);
        changed.add(key);
    }
}
