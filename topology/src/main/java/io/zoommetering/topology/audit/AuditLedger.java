package io.zoommetering.topology.audit;

import io.zoommetering.avro.audit.ErrorType;
import io.zoommetering.avro.audit.ProcessAudit;
import io.zoommetering.avro.audit.ProcessAuditKey;
import io.zoommetering.avro.audit.ProcessStatus;
import io.zoommetering.avro.internal.AuditCounts;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The process audit of one task (SPEC: Go_Process_Audit_Log): what each of its processes did per wall-clock
 * interval; a process is named with its partition (intake:meetings#0), as each task counts its own share. The
 * counts live in a changelogged store, so under exactly-once they commit with the records they count, and a
 * closed interval is written once, in the same transaction that forgets it. Several processors may share one
 * store: each ledger closes the intervals of its own processes only, those whose name starts with its scope.
 *
 * <p>The counts are written to the store on every change, as they must be to commit with what they count; the
 * ledger keeps the open intervals' counts as objects as well, so a change costs an encoding, not a read and a
 * decoding too. The objects are its own keys' only (no other ledger writes them) and are read from the store
 * when first needed, so a task that is revived or moved starts from what its store holds.
 */
public final class AuditLedger {

    private static final String SEPARATOR = "\u001f";

    private final KeyValueStore<String, AuditCounts> counts;
    private final String scope;
    private final long intervalMs;
    private final ZoneId zone;
    private final String sourceSystem;
    private final Map<String, AuditCounts> open = new HashMap<>();

    /** @param scope the start of the names of the processes this ledger counts and closes */
    public AuditLedger(
            KeyValueStore<String, AuditCounts> counts,
            String scope,
            Duration interval,
            ZoneId zone,
            String sourceSystem) {
        this.counts = counts;
        this.scope = scope;
        this.intervalMs = interval.toMillis();
        this.zone = zone;
        this.sourceSystem = sourceSystem;
    }

    public void accepted(String process, long wallClockMs) {
        update(process, wallClockMs, c -> {
            c.setRead(c.getRead() + 1);
            c.setAccepted(c.getAccepted() + 1);
        });
    }

    public void duplicate(String process, long wallClockMs) {
        update(process, wallClockMs, c -> {
            c.setRead(c.getRead() + 1);
            c.setDuplicates(c.getDuplicates() + 1);
        });
    }

    public void rejected(String process, long wallClockMs, ErrorType type) {
        update(process, wallClockMs, c -> {
            c.setRead(c.getRead() + 1);
            c.getErrors().merge(type.name(), 1L, Long::sum);
        });
    }

    public void written(String process, long wallClockMs, int rows) {
        update(process, wallClockMs, c -> c.setWritten(c.getWritten() + rows));
    }

    /** Writes the audit record of every interval that ended before now, and forgets it. */
    public void closeIntervals(long wallClockMs, BiConsumer<ProcessAuditKey, ProcessAudit> writer) {
        long current = intervalStart(wallClockMs);
        List<KeyValue<String, AuditCounts>> closed = new ArrayList<>();
        try (KeyValueIterator<String, AuditCounts> iterator = counts.all()) {
            while (iterator.hasNext()) {
                KeyValue<String, AuditCounts> entry = iterator.next();
                if (entry.key.startsWith(scope) && startOf(entry.key) < current) {
                    closed.add(entry);
                }
            }
        }
        LocalDate today = LocalDate.ofInstant(Instant.ofEpochMilli(wallClockMs), zone);
        for (KeyValue<String, AuditCounts> entry : closed) {
            String process = entry.key.substring(0, entry.key.lastIndexOf(SEPARATOR));
            Instant start = Instant.ofEpochMilli(startOf(entry.key));
            writer.accept(new ProcessAuditKey(process, start), record(process, start, entry.value, today));
            counts.delete(entry.key);
            open.remove(entry.key);
        }
    }

    private ProcessAudit record(String process, Instant start, AuditCounts c, LocalDate today) {
        long errors = c.getErrors().values().stream().mapToLong(Long::longValue).sum();
        ProcessStatus status = errors == 0 ? ProcessStatus.SUCCESS : ProcessStatus.WARNING;
        return new ProcessAudit(
                process,
                start,
                status,
                c.getRead() > 0 ? c.getRead() : c.getWritten(),
                errors,
                c.getDuplicates(),
                details(c),
                today,
                today,
                sourceSystem);
    }

    /** The figures behind the counts, so the balance read = accepted + duplicates + errors can be checked. */
    private static String details(AuditCounts c) {
        Map<String, Long> errors = new TreeMap<>(c.getErrors());
        if (c.getRead() == 0) {
            return "written=" + c.getWritten();
        }
        return "read=" + c.getRead() + " accepted=" + c.getAccepted() + " duplicates=" + c.getDuplicates() + " errors="
                + errors;
    }

    private void update(String process, long wallClockMs, Consumer<AuditCounts> change) {
        String key = process + SEPARATOR + intervalStart(wallClockMs);
        AuditCounts current = open.computeIfAbsent(key, k -> {
            AuditCounts stored = counts.get(k);
            return stored != null ? stored : new AuditCounts(0L, 0L, 0L, new HashMap<>(), 0L);
        });
        change.accept(current);
        counts.put(key, current);
    }

    private static long startOf(String key) {
        return Long.parseLong(key.substring(key.lastIndexOf(SEPARATOR) + 1));
    }

    private long intervalStart(long wallClockMs) {
        return Math.floorDiv(wallClockMs, intervalMs) * intervalMs;
    }
}
