package io.zoommetering.topology.aggregate;

import io.zoommetering.avro.billing.Plan;
import io.zoommetering.avro.gold.ProductMeterKey;
import io.zoommetering.avro.internal.AggregateKey;
import io.zoommetering.avro.internal.CombinedAggregate;
import io.zoommetering.avro.internal.Measures;
import io.zoommetering.avro.internal.PartialAggregate;
import io.zoommetering.topology.audit.AuditLedger;
import io.zoommetering.topology.audit.AuditStores;
import io.zoommetering.topology.config.MeteringConfig.EmitMode;
import io.zoommetering.topology.intake.MeteringObserver;
import io.zoommetering.topology.topics.TopicId;
import io.zoommetering.topology.time.Periods;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Sums, per gold key, the latest partial of every account task and writes the gold rows: on every change, or in
 * FINAL mode once the key's period plus the grace period has closed by stream time. Overage alerts are raised as
 * soon as a threshold is reached, in either mode: they are for people to act on.
 */
public final class Combiner implements Processor<AggregateKey, PartialAggregate, String, GoldRecord> {

    private final EmitMode mode;
    private final CloseTimes closeTimes;
    private final Periods periods;
    private final String sourceSystem;
    private final String catalogStore;
    private final Duration finalCheckInterval;
    private final Duration auditInterval;
    private final MeteringObserver observer;

    private ProcessorContext<String, GoldRecord> context;
    private KeyValueStore<AggregateKey, CombinedAggregate> combined;
    private KeyValueStore<AggregateKey, Long> pending;
    private KeyValueStore<String, Plan> catalog;
    private GoldFormulas formulas;
    private AuditLedger audit;
    private int partition;

    public Combiner(EmitMode mode, CloseTimes closeTimes, Periods periods, String sourceSystem, String catalogStore,
                    Duration finalCheckInterval, Duration auditInterval, MeteringObserver observer) {
        this.mode = mode;
        this.closeTimes = closeTimes;
        this.periods = periods;
        this.sourceSystem = sourceSystem;
        this.catalogStore = catalogStore;
        this.finalCheckInterval = finalCheckInterval;
        this.auditInterval = auditInterval;
        this.observer = observer;
    }

    @Override
    public void init(ProcessorContext<String, GoldRecord> context) {
        this.context = context;
        this.combined = context.getStateStore(CombinerStores.COMBINED);
        this.pending = context.getStateStore(CombinerStores.PENDING);
        this.catalog = context.getStateStore(catalogStore);
        this.formulas = new GoldFormulas(plan -> catalog.get(plan) != null);
        this.audit = new AuditLedger(context.getStateStore(AuditStores.name(CombinerStores.PROCESSOR)), "", auditInterval,
                periods.zone(), sourceSystem);
        this.partition = context.taskId().partition();
        context.schedule(auditInterval, PunctuationType.WALL_CLOCK_TIME, now -> audit.closeIntervals(now,
                (key, value) -> context.forward(new Record<>(TopicId.AUDIT_PROCESS.configName(),
                        new GoldRecord(TopicId.AUDIT_PROCESS, key, value), now))));
        if (mode == EmitMode.FINAL) {
            context.schedule(finalCheckInterval, PunctuationType.STREAM_TIME, this::writeClosed);
        }
    }

    @Override
    public void process(Record<AggregateKey, PartialAggregate> record) {
        AggregateKey key = record.key();
        CombinedAggregate state = combined.get(key);
        if (state == null) {
            state = new CombinedAggregate(new HashMap<>(), null, new HashMap<>(), false, false);
        }
        Measures before = MeasureSets.sum(state.getBySource().values());
        Measures partial = record.value().getMeasures();
        if (MeasureSets.isEmpty(partial)) {
            state.getBySource().remove(record.value().getSource());
        } else {
            state.getBySource().put(record.value().getSource(), partial);
        }
        Measures after = MeasureSets.sum(state.getBySource().values());
        if (!after.equals(before)) {
            raiseAlert(key.getKey(), after, state);
            if (mode == EmitMode.EVERY_UPDATE || isClosed(key, context.currentStreamTimeMs())) {
                write(key.getKey(), after, state);
            } else {
                state.setPending(true);
                pending.put(key, closeTimes.closeOf(key.getKey()).toEpochMilli());
            }
        }
        store(key, state);
    }

    private void writeClosed(long streamTime) {
        List<AggregateKey> closed = new ArrayList<>();
        try (KeyValueIterator<AggregateKey, Long> iterator = pending.all()) {
            while (iterator.hasNext()) {
                KeyValue<AggregateKey, Long> entry = iterator.next();
                if (entry.value <= streamTime) {
                    closed.add(entry.key);
                }
            }
        }
        for (AggregateKey key : closed) {
            pending.delete(key);
            CombinedAggregate state = combined.get(key);
            if (state != null && state.getPending()) {
                state.setPending(false);
                write(key.getKey(), MeasureSets.sum(state.getBySource().values()), state);
                store(key, state);
            }
        }
    }

    private boolean isClosed(AggregateKey key, long streamTime) {
        return closeTimes.closeOf(key.getKey()).toEpochMilli() <= streamTime;
    }

    private void write(Object key, Measures total, CombinedAggregate state) {
        Lineage lineage = lineage(state);
        for (GoldRecord row : formulas.rows((SpecificRecord) key, total, lineage)) {
            String output = row.output().configName();
            boolean written = state.getWritten().getOrDefault(output, false);
            if (row.value() != null || written) {
                forward(row);
                state.getWritten().put(output, row.value() != null);
            }
        }
    }

    private void raiseAlert(Object key, Measures total, CombinedAggregate state) {
        if (state.getAlerted() || !(key instanceof ProductMeterKey product)) {
            return;
        }
        GoldRecord alert = formulas.alert(product, total, catalog.get(product.getPlanType()), lineage(state));
        if (alert != null) {
            forward(alert);
            state.setAlerted(true);
        }
    }

    private Lineage lineage(CombinedAggregate state) {
        LocalDate today = periods.date(Instant.ofEpochMilli(context.currentSystemTimeMs()));
        if (state.getLoadDate() == null) {
            state.setLoadDate(today);
        }
        return new Lineage(state.getLoadDate(), today, sourceSystem);
    }

    private void forward(GoldRecord row) {
        audit.written("gold:" + row.output().configName() + "#" + partition, context.currentSystemTimeMs(), 1);
        observer.goldWritten(row.output(), row.key(), row.value());
        context.forward(new Record<>(row.output().configName(), row, Math.max(0, context.currentStreamTimeMs())));
    }

    private void store(AggregateKey key, CombinedAggregate state) {
        combined.put(key, state);
    }
}
