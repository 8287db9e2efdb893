package io.zoommetering.tools.testing;

import io.zoommetering.app.events.EventFiles;
import io.zoommetering.app.events.EventRecord;
import io.zoommetering.app.events.TopicTypes;
import io.zoommetering.app.export.GoldExport;
import io.zoommetering.topology.reference.GoldReference;
import io.zoommetering.topology.reference.InputRecord;
import io.zoommetering.topology.reference.RandomEventSets;
import io.zoommetering.topology.reference.ReferenceSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.LongStream;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * A random event set of the topology's property test, as an event file, with the batch reference of its gold
 * tables; and the reading of a gold export back into the reference's form.
 *
 * <p>The sets are made for a processing time in March 2026; records they place beyond the clock skew of that time
 * would be valid at today's processing time, so they are left out, and the reference is computed for today.
 */
public final class ReferenceRun {

    private static final Set<String> LINEAGE = Set.of("load_date", "update_date", "source_system");
    private static final TopicTypes TYPES = TopicTypes.defaults();

    private final List<EventRecord> records;
    private final GoldReference reference;

    private ReferenceRun(List<EventRecord> records, GoldReference reference) {
        this.records = records;
        this.reference = reference;
    }

    /** The largest of the property test's sets among {@code seeds}: the most of everything to compare. */
    public static ReferenceRun largestOf(LongStream seeds) {
        return largestOf(seeds, set -> true);
    }

    /** The largest of the random sets of these seeds that the test can use. */
    public static ReferenceRun largestOf(LongStream seeds, Predicate<List<InputRecord>> usable) {
        return largestOf(seeds, usable, reference -> true);
    }

    /**
     * The largest of the random sets of these seeds that the test can use and whose reference has what it needs to
     * compare (a set may lack, say, any overage: the sets change as the property test's generator grows).
     */
    public static ReferenceRun largestOf(
            LongStream seeds, Predicate<List<InputRecord>> usable, Predicate<GoldReference> comparable) {
        List<List<InputRecord>> sets = new ArrayList<>();
        for (long seed : seeds.toArray()) {
            List<InputRecord> set = RandomEventSets.generate(seed);
            if (usable.test(set)) {
                sets.add(set);
            }
        }
        sets.sort(Comparator.comparingInt((List<InputRecord> set) -> set.size()).reversed());
        Instant skewLimit = RandomEventSets.processingTime().plus(Duration.ofDays(1));
        for (List<InputRecord> set : sets) {
            List<InputRecord> kept =
                    set.stream().filter(record -> !beyond(record, skewLimit)).toList();
            GoldReference reference = GoldReference.compute(kept, ReferenceSettings.defaults(Instant.now()));
            if (comparable.test(reference)) {
                List<EventRecord> records = kept.stream()
                        .map(record -> new EventRecord(record.topic(), record.key(), record.value(), record.rawValue()))
                        .toList();
                return new ReferenceRun(records, reference);
            }
        }
        throw new IllegalStateException("no random set of these seeds is usable and comparable");
    }

    /** The records of {@code set} the reference can be computed for at today's processing time. */
    public static List<InputRecord> withinSkew(List<InputRecord> set) {
        Instant skewLimit = RandomEventSets.processingTime().plus(Duration.ofDays(1));
        return set.stream().filter(record -> !beyond(record, skewLimit)).toList();
    }

    /** These records, to be produced in this order, and their batch reference at today's processing time. */
    public static ReferenceRun of(List<InputRecord> records) {
        GoldReference reference = GoldReference.compute(records, ReferenceSettings.defaults(Instant.now()));
        return new ReferenceRun(
                records.stream()
                        .map(record -> new EventRecord(record.topic(), record.key(), record.value(), record.rawValue()))
                        .toList(),
                reference);
    }

    public List<EventRecord> records() {
        return records;
    }

    public GoldReference reference() {
        return reference;
    }

    public Path writeTo(Path file) throws IOException {
        EventFiles.write(file, records);
        return file;
    }

    /** Gold topic to its table as the reference states it: key record to value fields without lineage. */
    public static Map<String, Map<SpecificRecord, Map<String, Object>>> readExport(Path file) throws IOException {
        Map<String, Map<SpecificRecord, Map<String, Object>>> tables = new HashMap<>();
        GoldExport.readFile(file, TYPES).forEach((topic, rows) -> {
            Map<SpecificRecord, Map<String, Object>> table = new HashMap<>();
            rows.forEach((key, value) -> table.put((SpecificRecord) key, withoutLineage((SpecificRecord) value)));
            tables.put(topic, table);
        });
        return tables;
    }

    /** The error records of an export as "topic@offset:TYPE", to compare with {@link GoldReference#errors()}. */
    public static List<String> errorsOf(Map<SpecificRecord, Map<String, Object>> auditErrors) {
        List<String> errors = new ArrayList<>();
        auditErrors.forEach((key, value) ->
                errors.add(key.get(key.getSchema().getField("source_topic").pos()) + "@"
                        + key.get(key.getSchema().getField("source_offset").pos()) + ":" + value.get("error_type")));
        return errors;
    }

    public List<String> expectedErrors() {
        return reference.errors().stream()
                .map(error -> error.topic() + "@" + error.offset() + ":" + error.errorType())
                .toList();
    }

    public static Map<String, Object> withoutLineage(SpecificRecord record) {
        Map<String, Object> fields = new HashMap<>();
        for (Schema.Field field : record.getSchema().getFields()) {
            if (!LINEAGE.contains(field.name())) {
                Object value = record.get(field.pos());
                fields.put(
                        field.name(),
                        value instanceof Enum<?> symbol
                                ? symbol.name()
                                : value instanceof CharSequence text ? text.toString() : value);
            }
        }
        return fields;
    }

    private static boolean beyond(InputRecord record, Instant limit) {
        if (record.value() == null || record.value().getSchema().getField("event_time") == null) {
            return false;
        }
        Object eventTime = record.value()
                .get(record.value().getSchema().getField("event_time").pos());
        return eventTime instanceof Instant instant && instant.isAfter(limit);
    }
}
