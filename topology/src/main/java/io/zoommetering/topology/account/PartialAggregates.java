package io.zoommetering.topology.account;

import io.zoommetering.avro.internal.AggregateKey;
import io.zoommetering.avro.internal.Measures;
import io.zoommetering.avro.internal.PartialAggregate;
import io.zoommetering.topology.aggregate.MeasureSets;
import io.zoommetering.topology.money.Fraction;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The aggregates over the accounts of one task, and which of them changed since they were last shipped.
 * Shipping absolute values, not deltas, makes a re-sent partial harmless, and shipping only changed keys once per
 * interval keeps the partials topic small however many events a key sees. Both stores are changelogged, so a
 * change survives a crash until it has been shipped in the same transaction as the input that caused it.
 */
final class PartialAggregates {

    private final KeyValueStore<AggregateKey, Measures> partials;
    private final KeyValueStore<AggregateKey, Long> changed;

    PartialAggregates(KeyValueStore<AggregateKey, Measures> partials, KeyValueStore<AggregateKey, Long> changed) {
        this.partials = partials;
        this.changed = changed;
    }

    void addCount(AggregateKey key, String measure, long delta) {
        if (delta == 0) {
            return;
        }
        Measures measures = current(key);
        MeasureSets.addCount(measures, measure, delta);
        store(key, measures);
    }

    void addAmount(AggregateKey key, String measure, Fraction delta) {
        if (delta.signum() == 0) {
            return;
        }
        Measures measures = current(key);
        MeasureSets.addAmount(measures, measure, delta);
        store(key, measures);
    }

    /** Forwards every changed aggregate, stamped with the task's stream time, and forgets that it changed. */
    void ship(ProcessorContext<AggregateKey, PartialAggregate> context, String source) {
        List<AggregateKey> shipped = new ArrayList<>();
        try (KeyValueIterator<AggregateKey, Long> iterator = changed.all()) {
            while (iterator.hasNext()) {
                KeyValue<AggregateKey, Long> entry = iterator.next();
                Measures measures = partials.get(entry.key);
                PartialAggregate partial = new PartialAggregate(source,
                        measures == null ? MeasureSets.empty() : measures);
                context.forward(new Record<>(entry.key, partial, Math.max(0, context.currentStreamTimeMs())));
                shipped.add(entry.key);
            }
        }
        shipped.forEach(changed::delete);
    }

    private Measures current(AggregateKey key) {
        Measures measures = partials.get(key);
        return measures == null ? MeasureSets.empty() : measures;
    }

    private void store(AggregateKey key, Measures measures) {
        if (MeasureSets.isEmpty(measures)) {
            partials.delete(key);
        } else {
            partials.put(key, measures);
        }
        changed.put(key, 1L);
    }
}
