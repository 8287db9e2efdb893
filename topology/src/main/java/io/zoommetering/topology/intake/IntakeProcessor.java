package io.zoommetering.topology.intake;

import io.zoommetering.avro.audit.ErrorType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Decides the fate of every record of one input stream (docs/SEMANTICS.md, "Intake"): decode, tombstone check,
 * validation, duplicate, lateness, accept. Accepted records leave keyed as read, stamped with their event time;
 * every other record leaves as an error record, except duplicates, which change nothing.
 */
public final class IntakeProcessor<V extends SpecificRecord> implements Processor<byte[], byte[], String, IntakeOutcome<V>> {

    private static final String UNRECOGNIZED = "UNRECOGNIZED";

    private final StreamContract<V> contract;
    private final Deserializer<V> deserializer;
    private final IntakeStores stores;
    private final ErrorRecords errors;
    private final long graceMs;
    private final long horizonMs;
    private final long skewMs;
    private final String process;

    private ProcessorContext<String, IntakeOutcome<V>> context;
    private WindowStore<String, Long> acceptedIds;
    private KeyValueStore<Integer, Long> streamTimes;

    public IntakeProcessor(StreamContract<V> contract, Deserializer<V> deserializer, IntakeStores stores,
                           ErrorRecords errors, Duration grace, Duration horizon, Duration skew) {
        this.contract = contract;
        this.deserializer = deserializer;
        this.stores = stores;
        this.errors = errors;
        this.graceMs = grace.toMillis();
        this.horizonMs = horizon.toMillis();
        this.skewMs = skew.toMillis();
        this.process = "intake:" + contract.stream();
    }

    @Override
    public void init(ProcessorContext<String, IntakeOutcome<V>> context) {
        this.context = context;
        this.acceptedIds = context.getStateStore(stores.acceptedIds());
        this.streamTimes = context.getStateStore(stores.streamTime());
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        RecordMetadata source = context.recordMetadata().orElseThrow();
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        if (record.value() == null) {
            if (contract.tombstonesAllowed() && key != null) {
                context.forward(new Record<>(key, new IntakeOutcome.Accepted<>(null), record.timestamp()));
            } else {
                reject(record, source, ErrorType.VALIDATION, "a tombstone (null value) is not allowed on this stream");
            }
            return;
        }
        V value;
        try {
            value = deserializer.deserialize(source.topic(), record.headers(), record.value());
        } catch (RuntimeException e) {
            reject(record, source, ErrorType.DESERIALIZATION, String.valueOf(e.getMessage()));
            return;
        }
        Violations violations = validate(value);
        if (!violations.isEmpty()) {
            reject(record, source, ErrorType.VALIDATION, violations.describe());
            return;
        }
        String eventId = contract.eventId().apply(value);
        long eventTime = contract.eventTime().apply(value).toEpochMilli();
        long streamTime = streamTime(source.partition());
        if (alreadyAccepted(eventId, streamTime)) {
            return;
        }
        String lateness = lateness(value, eventTime, streamTime);
        if (lateness != null) {
            reject(record, source, ErrorType.LATE_EVENT, lateness);
            return;
        }
        acceptedIds.put(eventId, eventTime, eventTime);
        if (eventTime > streamTime) {
            streamTimes.put(source.partition(), eventTime);
        }
        context.forward(new Record<>(key, new IntakeOutcome.Accepted<>(value), eventTime, record.headers()));
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

    private long streamTime(int partition) {
        Long time = streamTimes.get(partition);
        return time == null ? Long.MIN_VALUE : time;
    }

    private boolean alreadyAccepted(String eventId, long streamTime) {
        long from = streamTime == Long.MIN_VALUE ? 0 : Math.max(0, streamTime - horizonMs);
        try (WindowStoreIterator<Long> seen = acceptedIds.fetch(eventId, from, Long.MAX_VALUE)) {
            return seen.hasNext();
        }
    }

    /** Why the record is late, or null when it is not (docs/SEMANTICS.md: event time or business time). */
    private String lateness(V value, long eventTime, long streamTime) {
        if (streamTime == Long.MIN_VALUE) {
            return null;
        }
        long cutoff = streamTime - graceMs;
        long businessTime = contract.businessTime().apply(value).toEpochMilli();
        if (eventTime < cutoff || businessTime < cutoff) {
            return "event_time " + Instant.ofEpochMilli(eventTime) + " (business time "
                    + Instant.ofEpochMilli(businessTime) + ") is more than the grace period "
                    + Duration.ofMillis(graceMs) + " behind stream time " + Instant.ofEpochMilli(streamTime);
        }
        return null;
    }

    private void reject(Record<byte[], byte[]> record, RecordMetadata source, ErrorType type, String description) {
        IntakeOutcome.Rejected<V> rejected =
                errors.reject(record, source, type, description, process, context.currentSystemTimeMs());
        context.forward(new Record<>(null, rejected, record.timestamp()));
    }
}
