package io.zoommetering.topology.aggregate;

import io.zoommetering.avro.billing.Plan;
import io.zoommetering.avro.internal.CombinedAggregate;
import io.zoommetering.avro.internal.Measures;
import java.time.LocalDate;
import java.util.function.BiConsumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The current gold rows of aggregate outputs, read from a combiner's store from outside the stream thread
 * (interactive queries): the output's formula over the key's stored totals, as the {@link Combiner} evaluates it.
 * An alert shows only once it was raised. The lineage's update_date is the day given (the day of the answer): the
 * store keeps the day a key was first written, not the day of its last write.
 */
public final class StoredRows {

    private final AggregateOutputs outputs;
    private final ReadOnlyKeyValueStore<Bytes, CombinedAggregate> combined;
    private final ReadOnlyKeyValueStore<String, Plan> catalog;
    private final String sourceSystem;
    private final LocalDate today;
    private final AggregateKeyBytes keyBytes = new AggregateKeyBytes();

    /**
     * @param combined the combiner's store ({@link CombinerStores#COMBINED}) of the partitions to read; a formula
     *                 reads keys of its own group, which share the partition
     * @param catalog  the plan catalog's global store
     */
    public StoredRows(
            AggregateOutputs outputs,
            ReadOnlyKeyValueStore<Bytes, CombinedAggregate> combined,
            ReadOnlyKeyValueStore<String, Plan> catalog,
            String sourceSystem,
            LocalDate today) {
        this.outputs = outputs;
        this.combined = combined;
        this.catalog = catalog;
        this.sourceSystem = sourceSystem;
        this.today = today;
    }

    /** The encoded aggregate key of a gold key, as the combiner's store and the partials topic hold it. */
    public <K extends SpecificRecord> Bytes keyOf(AggregateOutput<K, ?> output, K key) {
        return keyBytes.encode(output, key);
    }

    /** The row of one key, or null when it has none. */
    public <K extends SpecificRecord> SpecificRecord row(AggregateOutput<K, ?> output, K key) {
        CombinedAggregate state = combined.get(keyOf(output, key));
        return state == null ? null : row(output, key, state);
    }

    /** Every row of the output in the store, in the store's order. */
    public <K extends SpecificRecord> void forEach(
            AggregateOutput<K, ?> output, BiConsumer<? super K, SpecificRecord> rows) {
        try (KeyValueIterator<Bytes, CombinedAggregate> all = combined.all()) {
            while (all.hasNext()) {
                var entry = all.next();
                if (AggregateKeyBytes.tag(entry.key) == output.tag()) {
                    K key = AggregateKeyBytes.decode(output, entry.key);
                    SpecificRecord row = row(output, key, entry.value);
                    if (row != null) {
                        rows.accept(key, row);
                    }
                }
            }
        }
    }

    private <K extends SpecificRecord> SpecificRecord row(
            AggregateOutput<K, ?> output, K key, CombinedAggregate state) {
        if (output.alertsOnce() && !state.getWritten()) {
            return null;
        }
        Measures measures = MeasureSets.sum(state.getBySource().values());
        LocalDate loaded = state.getLoadDate() != null ? state.getLoadDate() : today;
        return output.row(new ReadTotals<>(key, measures), new Lineage(loaded, today, sourceSystem));
    }

    private final class ReadTotals<K> implements Totals<K> {

        private final K key;
        private final Measures measures;

        ReadTotals(K key, Measures measures) {
            this.key = key;
            this.measures = measures;
        }

        @Override
        public K key() {
            return key;
        }

        @Override
        public Measures measures() {
            return measures;
        }

        @Override
        public <K2 extends SpecificRecord> Measures of(AggregateOutput<K2, ?> other, K2 otherKey) {
            CombinedAggregate state = combined.get(keyBytes.encode(other, otherKey));
            return state == null
                    ? MeasureSets.empty()
                    : MeasureSets.sum(state.getBySource().values());
        }

        @Override
        public Plan catalogEntry(String planType) {
            return catalog.get(planType);
        }
    }
}
