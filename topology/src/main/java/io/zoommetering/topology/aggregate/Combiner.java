package io.zoommetering.topology.aggregate;

import io.zoommetering.avro.billing.Plan;
import io.zoommetering.avro.internal.CombinedAggregate;
import io.zoommetering.avro.internal.Measures;
import io.zoommetering.avro.internal.PartialAggregate;
import io.zoommetering.topology.audit.AuditLedger;
import io.zoommetering.topology.audit.AuditStores;
import io.zoommetering.topology.time.Periods;
import io.zoommetering.topology.topics.TopicId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.BytesSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Sums, per aggregate key, the latest partial of every account task and writes the gold rows of the key's output
 * through its formula: on every change, or in FINAL mode once the key's period plus the grace period has closed by
 * stream time. A change also re-evaluates the keys of the same group whose formulas read this output's totals:
 * the reader's key of the same rest, or all of the reader's keys of the group ({@link AggregateOutput#readsGroup}).
 * Alerts are raised as soon as their formula gives a row, in either mode: they are for people to act on.
 */
public final class Combiner implements Processor<Bytes, PartialAggregate, String, GoldRecord> {

    private final AggregateOutputs outputs;
    private final EmitMode mode;
    private final Periods periods;
    private final Duration grace;
    private final String sourceSystem;
    private final String catalogStore;
    private final Duration finalCheckInterval;
    private final Duration auditInterval;
    /**
     * The Kafka header of a FINAL-mode gold record: its revision, as decimal ASCII. 1 is the key's final row; 2 and
     * on restate it (docs/SEMANTICS.md, "Emission"); a sink that keeps the latest value per key needs nothing else.
     */
    public static final String REVISION_HEADER = "zm-revision";

    private static final BytesSerializer BYTES = new BytesSerializer();

    private final AggregateKeyBytes keyBytes = new AggregateKeyBytes();

    private ProcessorContext<String, GoldRecord> context;
    private KeyValueStore<Bytes, CombinedAggregate> combined;
    private KeyValueStore<Bytes, Long> pending;
    private KeyValueStore<String, Plan> catalog;
    private AuditLedger audit;
    private int partition;

    public Combiner(
            AggregateOutputs outputs,
            EmitMode mode,
            Periods periods,
            Duration grace,
            String sourceSystem,
            String catalogStore,
            Duration finalCheckInterval,
            Duration auditInterval) {
        this.outputs = outputs;
        this.mode = mode;
        this.periods = periods;
        this.grace = grace;
        this.sourceSystem = sourceSystem;
        this.catalogStore = catalogStore;
        this.finalCheckInterval = finalCheckInterval;
        this.auditInterval = auditInterval;
    }

    @Override
    public void init(ProcessorContext<String, GoldRecord> context) {
        this.context = context;
        this.combined = context.getStateStore(CombinerStores.COMBINED);
        this.pending = context.getStateStore(CombinerStores.PENDING);
        this.catalog = context.getStateStore(catalogStore);
        this.audit = new AuditLedger(
                context.getStateStore(AuditStores.name(CombinerStores.PROCESSOR)),
                "",
                auditInterval,
                periods.zone(),
                sourceSystem);
        this.partition = context.taskId().partition();
        context.schedule(
                auditInterval,
                PunctuationType.WALL_CLOCK_TIME,
                now -> audit.closeIntervals(
                        now,
                        (key, value) -> context.forward(new Record<>(
                                TopicId.AUDIT_PROCESS.configName(),
                                new GoldRecord(TopicId.AUDIT_PROCESS.configName(), key, value),
                                now))));
        if (mode == EmitMode.FINAL) {
            context.schedule(finalCheckInterval, PunctuationType.STREAM_TIME, this::writeClosed);
        }
    }

    @Override
    public void process(Record<Bytes, PartialAggregate> record) {
        Bytes key = record.key();
        AggregateOutput<?, ?> output = outputs.byTag(AggregateKeyBytes.tag(key));
        CombinedAggregate state = stateOf(key);
        Measures partial = record.value().getMeasures();
        Measures previous = MeasureSets.isEmpty(partial)
                ? state.getBySource().remove(record.value().getSource())
                : state.getBySource().put(record.value().getSource(), partial);
        // Stored before anything is evaluated: a reader's formula reads this key's new totals from the store.
        combined.put(key, state);
        // The totals changed exactly when this source's partial did: the other sources' are as they were, and
        // measures are kept without zero entries, in lowest terms, so equal partials are equal maps. A re-sent
        // partial (after a restart every one is shipped again) changes nothing, without summing the sources twice.
        if (partial.equals(previous == null ? MeasureSets.empty() : previous)) {
            return;
        }
        evaluate(output, key, state);
        for (AggregateOutput<?, ?> reader : outputs.readersOf(output)) {
            // A reader's key has the changed key's group and rest (AggregateOutput.reads): one lookup, no scan.
            Bytes readerKey = AggregateKeyBytes.withTag(key, reader.tag());
            CombinedAggregate readerState = combined.get(readerKey);
            if (readerState != null) {
                evaluate(reader, readerKey, readerState);
            } else if (reader.alertsOnce()) {
                // An alert has no contributions of its own: its first evaluation creates its state.
                evaluate(reader, readerKey, stateOf(readerKey));
            }
        }
        for (AggregateOutput<?, ?> reader : outputs.groupReadersOf(output)) {
            // Collected first: evaluating a key writes it back to the store being scanned.
            List<KeyValue<Bytes, CombinedAggregate>> group = new ArrayList<>();
            try (KeyValueIterator<Bytes, CombinedAggregate> keys =
                    combined.prefixScan(AggregateKeyBytes.groupPrefix(key, reader.tag()), BYTES)) {
                keys.forEachRemaining(group::add);
            }
            group.forEach(entry -> evaluate(reader, entry.key, entry.value));
        }
    }

    private void evaluate(AggregateOutput<?, ?> output, Bytes key, CombinedAggregate state) {
        if (output.alertsOnce()) {
            if (!state.getWritten()) {
                SpecificRecord row = row(output, key, state);
                if (row != null) {
                    forward(output, key, row, new RecordHeaders());
                    state.setWritten(true);
                    combined.put(key, state);
                }
            }
        } else if (mode == EmitMode.EVERY_UPDATE || closeOf(output, key) <= context.currentStreamTimeMs()) {
            write(output, key, state);
            combined.put(key, state);
        } else if (!state.getPending()) {
            state.setPending(true);
            combined.put(key, state);
            pending.put(key, closeOf(output, key));
        }
    }

    private void writeClosed(long streamTime) {
        List<Bytes> closed = new ArrayList<>();
        try (KeyValueIterator<Bytes, Long> iterator = pending.all()) {
            while (iterator.hasNext()) {
                KeyValue<Bytes, Long> entry = iterator.next();
                if (entry.value <= streamTime) {
                    closed.add(entry.key);
                }
            }
        }
        for (Bytes key : closed) {
            pending.delete(key);
            CombinedAggregate state = combined.get(key);
            if (state != null && state.getPending()) {
                state.setPending(false);
                write(outputs.byTag(AggregateKeyBytes.tag(key)), key, state);
                combined.put(key, state);
            }
        }
    }

    private <K extends SpecificRecord> long closeOf(AggregateOutput<K, ?> output, Bytes key) {
        return output.periodEnd(AggregateKeyBytes.decode(output, key), periods)
                .plus(grace)
                .toEpochMilli();
    }

    /**
     * Writes the key's row, or its tombstone when a row written before no longer exists. In FINAL mode every such
     * write carries its revision ({@link #REVISION_HEADER}): 1 for the final row, more for a restatement, which an
     * on-time record with a business time in a closed period causes.
     */
    private void write(AggregateOutput<?, ?> output, Bytes key, CombinedAggregate state) {
        SpecificRecord row = row(output, key, state);
        if (row != null || state.getWritten()) {
            Headers headers = new RecordHeaders();
            if (mode == EmitMode.FINAL) {
                state.setRevision(state.getRevision() + 1);
                headers.add(
                        REVISION_HEADER, Integer.toString(state.getRevision()).getBytes(StandardCharsets.US_ASCII));
            }
            forward(output, key, row, headers);
            state.setWritten(row != null);
        }
    }

    private <K extends SpecificRecord> SpecificRecord row(
            AggregateOutput<K, ?> output, Bytes key, CombinedAggregate state) {
        K gold = AggregateKeyBytes.decode(output, key);
        return output.row(
                new StoredTotals<>(
                        key, gold, MeasureSets.sum(state.getBySource().values())),
                lineage(state));
    }

    private Lineage lineage(CombinedAggregate state) {
        LocalDate today = periods.date(Instant.ofEpochMilli(context.currentSystemTimeMs()));
        if (state.getLoadDate() == null) {
            state.setLoadDate(today);
        }
        return new Lineage(state.getLoadDate(), today, sourceSystem);
    }

    private <K extends SpecificRecord> void forward(
            AggregateOutput<K, ?> output, Bytes key, SpecificRecord row, Headers headers) {
        String name = output.topic().configName();
        K gold = AggregateKeyBytes.decode(output, key);
        audit.written("gold:" + name + "#" + partition, context.currentSystemTimeMs(), 1);
        context.forward(new Record<>(
                name, new GoldRecord(name, gold, row), Math.max(0, context.currentStreamTimeMs()), headers));
    }

    private CombinedAggregate stateOf(Bytes key) {
        CombinedAggregate state = combined.get(key);
        return state != null ? state : new CombinedAggregate(new HashMap<>(), null, false, false, 0);
    }

    /** The totals of one key, and of the keys of its group, from the combiner's store. */
    private final class StoredTotals<K> implements Totals<K> {

        private final Bytes bytes;
        private final K key;
        private final Measures measures;

        StoredTotals(Bytes bytes, K key, Measures measures) {
            this.bytes = bytes;
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
            Bytes encoded = keyBytes.encode(other, otherKey);
            if (!AggregateKeyBytes.sameGroup(bytes, encoded)) {
                throw new IllegalStateException(other.topic().configName() + " key " + otherKey
                        + " is not in the group of " + key + ": only keys of one group meet on one task");
            }
            CombinedAggregate state = combined.get(encoded);
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
