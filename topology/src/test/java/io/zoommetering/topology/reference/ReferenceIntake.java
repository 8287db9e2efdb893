package io.zoommetering.topology.reference;

import io.zoommetering.avro.audit.ErrorType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/**
 * Intake (docs/SEMANTICS.md, steps 1 to 6) of a list of input records, each topic being one partition whose
 * offsets are the records' indexes among that topic's records. The first step that applies decides a record's fate.
 */
final class ReferenceIntake {

    /** A record that counts, in processing order; a null value is an accepted plan tombstone. */
    record Accepted(String topic, String key, SpecificRecord value) {}

    private final ReferenceSettings settings;
    private final Map<String, Partition> partitions = new LinkedHashMap<>();
    private final List<Accepted> accepted = new ArrayList<>();
    private final List<ExpectedError> errors = new ArrayList<>();

    private ReferenceIntake(ReferenceSettings settings) {
        this.settings = settings;
        Topics.INPUTS.forEach(topic -> partitions.put(topic, new Partition()));
    }

    static ReferenceIntake run(List<InputRecord> records, ReferenceSettings settings) {
        ReferenceIntake intake = new ReferenceIntake(settings);
        records.forEach(intake::take);
        return intake;
    }

    List<Accepted> accepted() {
        return List.copyOf(accepted);
    }

    List<ExpectedError> errors() {
        return List.copyOf(errors);
    }

    Map<String, StreamBalance> balances() {
        Map<String, StreamBalance> balances = new LinkedHashMap<>();
        partitions.forEach((topic, partition) -> balances.put(topic, partition.balance()));
        return balances;
    }

    private void take(InputRecord record) {
        Partition partition = partitions.get(record.topic());
        if (partition == null) {
            throw new IllegalArgumentException("not an input topic: " + record.topic());
        }
        long offset = partition.read++;
        if (record.isGarbage()) {
            reject(record.topic(), offset, partition, ErrorType.DESERIALIZATION);
        } else if (record.isTombstone()) {
            if (record.topic().equals(Topics.PLANS)) {
                // A plan tombstone has no event time: it neither moves stream time nor has an id to remember.
                partition.accepted++;
                accepted.add(new Accepted(record.topic(), record.key(), null));
            } else {
                reject(record.topic(), offset, partition, ErrorType.VALIDATION);
            }
        } else {
            takeValue(record, offset, partition);
        }
    }

    private void takeValue(InputRecord record, long offset, Partition partition) {
        SpecificRecord value = record.value();
        if (!Topics.valueClass(record.topic()).isInstance(value)) {
            throw new IllegalArgumentException("a " + value.getClass().getSimpleName() + " on " + record.topic());
        }
        if (!Validation.problems(value, settings).isEmpty()) {
            reject(record.topic(), offset, partition, ErrorType.VALIDATION);
            return;
        }
        Envelope envelope = Envelope.of(value);
        // Duplicate before late: a retried record that was counted once is a duplicate, however late it comes.
        if (partition.remembers(envelope.eventId(), settings)) {
            partition.duplicates++;
        } else if (partition.isLate(envelope, settings)) {
            reject(record.topic(), offset, partition, ErrorType.LATE_EVENT);
        } else if (partition.isBeyondRetention(envelope, settings)) {
            reject(record.topic(), offset, partition, ErrorType.EXPIRED_PERIOD);
        } else {
            partition.accept(envelope);
            accepted.add(new Accepted(record.topic(), record.key(), value));
        }
    }

    private void reject(String topic, long offset, Partition partition, ErrorType type) {
        partition.errors.merge(type.name(), 1L, Long::sum);
        errors.add(new ExpectedError(topic, offset, type.name()));
    }

    /** The intake state of one input partition. */
    private static final class Partition {
        private long read;
        private long accepted;
        private long duplicates;
        private final Map<String, Long> errors = new LinkedHashMap<>(Map.of(
                ErrorType.DESERIALIZATION.name(),
                0L,
                ErrorType.VALIDATION.name(),
                0L,
                ErrorType.LATE_EVENT.name(),
                0L,
                ErrorType.EXPIRED_PERIOD.name(),
                0L));
        /** The greatest event_time accepted so far; null before the first accepted record. */
        private Instant streamTime;
        /** Accepted event ids and the event time they were accepted with. */
        private final Map<String, Instant> acceptedIds = new HashMap<>();

        /** An id is remembered until stream time is more than the dedup horizon past the record it came with. */
        boolean remembers(String eventId, ReferenceSettings settings) {
            Instant acceptedAt = acceptedIds.get(eventId);
            return acceptedAt != null && !streamTime.isAfter(acceptedAt.plus(settings.dedupHorizon()));
        }

        boolean isLate(Envelope envelope, ReferenceSettings settings) {
            if (streamTime == null) {
                return false;
            }
            return envelope.eventTime().isBefore(streamTime.minus(settings.grace()));
        }

        boolean isBeyondRetention(Envelope envelope, ReferenceSettings settings) {
            return streamTime != null && envelope.businessTime().isBefore(streamTime.minus(settings.periodRetention()));
        }

        void accept(Envelope envelope) {
            accepted++;
            acceptedIds.put(envelope.eventId(), envelope.eventTime());
            if (streamTime == null || envelope.eventTime().isAfter(streamTime)) {
                streamTime = envelope.eventTime();
            }
        }

        StreamBalance balance() {
            return new StreamBalance(read, accepted, duplicates, errors);
        }
    }
}
