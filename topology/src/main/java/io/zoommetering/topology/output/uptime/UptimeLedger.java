package io.zoommetering.topology.output.uptime;

import io.zoommetering.avro.common.PeriodType;
import io.zoommetering.avro.gold.UptimeKey;
import io.zoommetering.avro.support.ComponentStatus;
import io.zoommetering.avro.support.ServiceStatus;
import io.zoommetering.topology.account.AccountRecord;
import io.zoommetering.topology.account.Ledger;
import io.zoommetering.topology.account.LedgerContext;
import io.zoommetering.topology.account.PartialAggregates;
import io.zoommetering.topology.time.Periods;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps each component's status timeline and adds, per component and period, the milliseconds observed and the
 * milliseconds UP. Service status reaches the account stage keyed by component, so every record of a component
 * meets on one task and this ledger alone sees its timeline.
 *
 * <p>The timeline is one store entry per record, keyed by component and big-endian event time, so that the records
 * just before and just after an instant are one range scan away, whatever order the records arrive in. A record at
 * t, with its predecessor p and successor s on the timeline, changes only [t, s): what held there (p's status, or
 * that of an earlier record at t itself) is withdrawn and the new status added. Without a successor, t is the new
 * last record and extends the observed time by [p, t), p's status holding; without a predecessor, the component is
 * observed from t. Two records at one instant: the one processed later holds from it (like upserts' ties).
 *
 * <p>A record repeating its predecessor's status changes no figure, but it is kept for a while: a record inserted
 * between the two later on holds only until the repeat. Intake accepts no record more than the grace period behind
 * its partition's stream time, which is at least the component's latest event time, so once a repeat is more than
 * the grace period behind that latest time, no record can arrive before it any more, and it is deleted: a
 * timeline holds its status changes and the records of the last grace period, never every heartbeat.
 */
final class UptimeLedger implements Ledger {

    /** A record on the timeline. */
    private record Entry(long time, ComponentStatus status) {}

    private final KeyValueStore<Bytes, ComponentStatus> timelines;
    private final PartialAggregates partials;
    private final Periods periods;
    private final long graceMs;

    UptimeLedger(LedgerContext context) {
        this.timelines = context.store(UptimeOutput.TIMELINES);
        this.partials = context.partials();
        this.periods = context.periods();
        this.graceMs = context.grace().toMillis();
    }

    @Override
    public void record(AccountRecord record) {
        if (!record.isCurrent() || !(record.payload() instanceof ServiceStatus status)) {
            return;
        }
        String component = status.getComponent();
        long time = status.getEventTime().toEpochMilli();
        ComponentStatus next = status.getStatus();
        Entry before = before(component, time);
        Entry after = after(component, time);
        ComponentStatus sameInstant = timelines.get(key(component, time));
        if (after != null) {
            // What held from this instant to the successor: an earlier record at the same instant (which the later
            // one replaces from it), else the predecessor's status, else nothing (the component was not observed).
            ComponentStatus held = sameInstant != null ? sameInstant : before == null ? null : before.status();
            if (held != next) {
                if (held != null) {
                    add(component, time, after.time(), held, -1);
                }
                add(component, time, after.time(), next, +1);
            }
        } else if (sameInstant == null && before != null) {
            // The new last record: the component is observed up to it, its predecessor's status holding until then.
            add(component, before.time(), time, before.status(), +1);
        }
        timelines.put(key(component, time), next);
        if (after == null && sameInstant == null && before != null) {
            forgetRepeats(component, before.time() - graceMs, time - graceMs);
        }
    }

    /**
     * Deletes the records in [from, to) that repeat the status before them: the latest time moved from from + grace
     * to to + grace, so these records have just become older than any record intake can still accept.
     */
    private void forgetRepeats(String component, long from, long to) {
        if (from >= to) {
            return;
        }
        Entry previous = before(component, from);
        ComponentStatus held = previous == null ? null : previous.status();
        List<Bytes> repeats = new ArrayList<>();
        try (KeyValueIterator<Bytes, ComponentStatus> passed =
                timelines.range(key(component, from), key(component, to - 1))) {
            while (passed.hasNext()) {
                KeyValue<Bytes, ComponentStatus> entry = passed.next();
                if (entry.value == held) {
                    repeats.add(entry.key);
                } else {
                    held = entry.value;
                }
            }
        }
        repeats.forEach(timelines::delete);
    }

    /** The component's record latest before the instant, or null. */
    private Entry before(String component, long time) {
        if (time == Long.MIN_VALUE) {
            return null;
        }
        try (KeyValueIterator<Bytes, ComponentStatus> earlier =
                timelines.reverseRange(key(component, Long.MIN_VALUE), key(component, time - 1))) {
            return earlier.hasNext() ? entry(earlier.next()) : null;
        }
    }

    /** The component's record earliest after the instant, or null. */
    private Entry after(String component, long time) {
        if (time == Long.MAX_VALUE) {
            return null;
        }
        try (KeyValueIterator<Bytes, ComponentStatus> later =
                timelines.range(key(component, time + 1), key(component, Long.MAX_VALUE))) {
            return later.hasNext() ? entry(later.next()) : null;
        }
    }

    /** Adds (sign +1) or withdraws (-1) the interval [from, to) in the status, split at every period boundary. */
    private void add(String component, long from, long to, ComponentStatus status, int sign) {
        for (PeriodType type : Periods.CALENDAR) {
            long cursor = from;
            while (cursor < to) {
                LocalDate start = periods.periodStart(type, Instant.ofEpochMilli(cursor));
                long end = Math.min(to, periods.periodEnd(type, start).toEpochMilli());
                UptimeKey key = new UptimeKey(component, type, start);
                partials.addCount(UptimeOutput.INSTANCE, key, UptimeOutput.OBSERVED_MS, sign * (end - cursor));
                if (status == ComponentStatus.UP) {
                    partials.addCount(UptimeOutput.INSTANCE, key, UptimeOutput.UP_MS, sign * (end - cursor));
                }
                cursor = end;
            }
        }
    }

    /**
     * The store key of a component's record at an instant: the component's length and UTF-8 bytes (so that no
     * component's keys fall inside another's range), then the event time big-endian with its sign bit flipped, so
     * that the bytes sort as the times do.
     */
    static Bytes key(String component, long time) {
        byte[] name = component.getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(ByteBuffer.allocate(Integer.BYTES + name.length + Long.BYTES)
                .putInt(name.length)
                .put(name)
                .putLong(time ^ Long.MIN_VALUE)
                .array());
    }

    private static Entry entry(KeyValue<Bytes, ComponentStatus> stored) {
        byte[] key = stored.key.get();
        long time = ByteBuffer.wrap(key, key.length - Long.BYTES, Long.BYTES).getLong() ^ Long.MIN_VALUE;
        return new Entry(time, stored.value);
    }
}
