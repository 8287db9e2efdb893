package io.zoommetering.topology.intake;

import io.zoommetering.avro.audit.ErrorAudit;
import io.zoommetering.avro.audit.ErrorAuditKey;
import io.zoommetering.avro.audit.ErrorType;
import io.zoommetering.topology.audit.AuditLedger;
import io.zoommetering.topology.audit.MeteringObserver;
import io.zoommetering.topology.errors.ErrorRecords;
import io.zoommetering.topology.errors.Outages;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Decides the fate of every record of one input stream (docs/SEMANTICS.md, "Intake"): decode, tombstone check,
 * validation, duplicate, lateness, accept. Accepted records leave keyed as read, stamped with their event time;
 * every other record leaves as an error record, except duplicates, which change nothing.
 */
public final class IntakeProcessor<V extends SpecificRecord>
        implements Processor<byte[], byte[], String, IntakeOutcome<V>> {

    private static final String UNRECOGNIZED = "UNRECOGNIZED";

    private final StreamContract<V> contract;
    private final Deserializer<V> deserializer;
    private final IntakeSettings settings;
    private final ErrorRecords errors;
    private final MeteringObserver observer;
    private final long graceMs;
    private final long retentionMs;
    private final long horizonMs;
    private final long skewMs;

    private ProcessorContext<String, IntakeOutcome<V>> context;
    private WindowStore<String, Long> acceptedIds;
    private AcceptedIdFilter acceptedIdFilter;
    private KeyValueStore<String, Long> streamTimes;
    private String streamTimeKey;
    /** The stream time of the task's input partition, as stored: read from the store once, when initialised. */
    private long streamTime;

    private AuditLedger audit;
    private String process;

    public IntakeProcessor(
            StreamContract<V> contract,
            Deserializer<V> deserializer,
            IntakeSettings settings,
            MeteringObserver observer) {
        this.contract = contract;
        this.deserializer = deserializer;
        this.settings = settings;
        this.errors = new ErrorRecords(settings.zone(), settings.sourceSystem());
        this.observer = observer;
        this.graceMs = settings.grace().toMillis();
        this.retentionMs = settings.periodRetention().toMillis();
        this.horizonMs = settings.dedupHorizon().toMillis();
        this.skewMs = settings.clockSkew().toMillis();
    }

    @Override
    public void init(ProcessorContext<String, IntakeOutcome<V>> context) {
        this.context = context;
        this.acceptedIds = context.getStateStore(IntakeStores.acceptedIds(contract.stream()));
        this.acceptedIdFilter = new AcceptedIdFilter(this::forEachAcceptedId);
        this.streamTimes = context.getStateStore(IntakeStores.STREAM_TIMES);
        // A task reads the same partition of every input topic: the task's partition is the input partition.
        int partition = context.taskId().partition();
        this.streamTimeKey = IntakeStores.streamTimeKey(contract.stream(), partition);
        Long stored = streamTimes.get(streamTimeKey);
        this.streamTime = stored == null ? Long.MIN_VALUE : stored;
        this.process = "intake:" + contract.stream() + "#" + partition;
        this.audit = new AuditLedger(
                context.getStateStore(IntakeStores.AUDIT),
                process,
                settings.auditInterval(),
                settings.zone(),
                settings.sourceSystem());
        context.schedule(
                settings.auditInterval(),
                PunctuationType.WALL_CLOCK_TIME,
                now -> audit.closeIntervals(
                        now,
                        (key, value) ->
                                context.forward(new Record<>(null, new IntakeOutcome.Audited<>(key, value), now))));
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        RecordMetadata source = context.recordMetadata().orElseThrow();
        Decision decision;
        try {
            decision = decide(record, source);
        } catch (RuntimeException e) {
            if (Outages.isOutage(e)) {
                throw e;
            }
            // A record that breaks intake itself is an error record too, never a crash and never a silent drop.
            decision =
                    reject(record, source, ErrorType.PROCESSING, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        decision.tell(observer, contract.stream());
    }

    /** What was decided, told to the observer only once it is done, so an observer cannot change a decision. */
    private record Decision(ErrorType error, boolean duplicate, long eventTimeLagMs) {

        static final Decision DUPLICATE = new Decision(null, true, 0);

        void tell(MeteringObserver observer, String stream) {
            if (error != null) {
                observer.rejected(stream, error);
            } else if (duplicate) {
                observer.duplicate(stream);
            } else {
                observer.accepted(stream, eventTimeLagMs);
            }
        }
    }

    private Decision decide(Record<byte[], byte[]> record, RecordMetadata source) {
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        if (record.value() == null) {
            if (contract.tombstonesAllowed() && key != null) {
                audit.accepted(process, context.currentSystemTimeMs());
                context.forward(new Record<>(key, new IntakeOutcome.Accepted<>(null), record.timestamp()));
                return new Decision(null, false, 0);
            }
            return reject(
                    record, source, ErrorType.VALIDATION, "a tombstone (null value) is not allowed on this stream");
        }
        V value;
        try {
            value = deserializer.deserialize(source.topic(), record.headers(), record.value());
        } catch (RuntimeException e) {
            if (Outages.isOutage(e)) {
                throw e;
            }
            return reject(record, source, ErrorType.DESERIALIZATION, String.valueOf(e.getMessage()));
        }
        Violations violations = validate(value);
        if (!violations.isEmpty()) {
            return reject(record, source, ErrorType.VALIDATION, violations.describe());
        }
        String eventId = contract.eventId().apply(value);
        long eventTime = contract.eventTime().apply(value).toEpochMilli();
        String idKey = IntakeStores.acceptedIdKey(contract.stream(), eventId);
        if (alreadyAccepted(idKey)) {
            audit.duplicate(process, context.currentSystemTimeMs());
            return Decision.DUPLICATE;
        }
        String lateness = lateness(eventTime);
        if (lateness != null) {
            return reject(record, source, ErrorType.LATE_EVENT, lateness);
        }
        String expiry = expiredPeriod(value);
        if (expiry != null) {
            return reject(record, source, ErrorType.EXPIRED_PERIOD, expiry);
        }
        acceptedIds.put(idKey, eventTime, eventTime);
        acceptedIdFilter.add(idKey);
        if (eventTime > streamTime) {
            streamTimes.put(streamTimeKey, eventTime);
            streamTime = eventTime;
        }
        audit.accepted(process, context.currentSystemTimeMs());
        context.forward(new Record<>(key, new IntakeOutcome.Accepted<>(value), eventTime, record.headers()));
        return new Decision(null, false, context.currentSystemTimeMs() - eventTime);
    }

    private Violations validate(V value) {
        Violations violations = new Violations();
        violations.requireNotBlank("event_id", contract.eventId().apply(value));
        if (contract.eventTime().apply(value) == null) {
            violations.add("event_time is missing");
        } else {
            Instant latest = Instant.ofEpochMilli(context.currentSystemTimeMs() + skewMs);
            if (contract.eventTime().apply(value).isAfter(latest)) {
                violations.add("event_time " + contract.eventTime().apply(value)
                        + " is further in the future than the allowed clock skew (zm.clock.skew)");
            }
        }
        violations.requireNotBlank(contract.entityField(), contract.entityId().apply(value));
        for (Schema.Field field : value.getSchema().getFields()) {
            if (value.get(field.pos()) instanceof Enum<?> symbol && UNRECOGNIZED.equals(symbol.name())) {
                violations.add(field.name() + " has a symbol this version does not know");
            }
        }
        contract.rules().accept(value, violations);
        return violations;
    }

    private boolean alreadyAccepted(String idKey) {
        if (!acceptedIdFilter.mightContain(idKey)) {
            return false;
        }
        long from = streamTime == Long.MIN_VALUE ? 0 : Math.max(0, streamTime - horizonMs);
        try (WindowStoreIterator<Long> seen = acceptedIds.fetch(idKey, from, Long.MAX_VALUE)) {
            return seen.hasNext();
        }
    }

    private void forEachAcceptedId(Predicate<String> action) {
        try (KeyValueIterator<Windowed<String>, Long> all = acceptedIds.all()) {
            while (all.hasNext() && action.test(all.next().key.key())) {
                // The action consumed the id.
            }
        }
    }

    /** Why the record is late, or null when it is not: by its event_time alone (SPEC 2). */
    private String lateness(long eventTime) {
        if (streamTime == Long.MIN_VALUE || eventTime >= streamTime - graceMs) {
            return null;
        }
        return "event_time " + Instant.ofEpochMilli(eventTime) + " is more than the grace period "
                + Duration.ofMillis(graceMs) + " behind stream time " + Instant.ofEpochMilli(streamTime);
    }

    /**
     * Why an on-time record cannot count, or null when it can: its business time (the earliest that decides a
     * period it changes) lies further back than the period retention, whose state is no longer kept.
     */
    private String expiredPeriod(V value) {
        if (streamTime == Long.MIN_VALUE) {
            return null;
        }
        long businessTime = contract.businessTime().apply(value).toEpochMilli();
        if (businessTime >= streamTime - retentionMs) {
            return null;
        }
        return "business time " + Instant.ofEpochMilli(businessTime) + " is more than the period retention "
                + Duration.ofMillis(retentionMs) + " (zm.period.retention) behind stream time "
                + Instant.ofEpochMilli(streamTime);
    }

    private Decision reject(Record<byte[], byte[]> record, RecordMetadata source, ErrorType type, String description) {
        audit.rejected(process, context.currentSystemTimeMs(), type);
        KeyValue<ErrorAuditKey, ErrorAudit> error = errors.error(
                source.topic(),
                source.partition(),
                source.offset(),
                record.timestamp(),
                record.key(),
                record.value(),
                record.headers(),
                type,
                description,
                process,
                Instant.ofEpochMilli(context.currentSystemTimeMs()));
        context.forward(new Record<>(null, new IntakeOutcome.Rejected<V>(error.key, error.value), record.timestamp()));
        return new Decision(type, false, 0);
    }
}
