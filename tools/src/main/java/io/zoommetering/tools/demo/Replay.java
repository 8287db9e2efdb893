package io.zoommetering.tools.demo;

import io.zoommetering.app.events.EventRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * How a file is replayed so that the processor sees its records in the file's order, as the batch reference of
 * the SPEC formulas does.
 *
 * <p>Within a part, {@link SequencedTimestamps} make Kafka Streams process records across topics in file order,
 * provided the whole part is on the broker before the processor reads it. The plan catalog is the exception: it
 * reaches the processor's account tasks through a global table, updated by a thread of its own. So a part ends
 * after each run of catalog records that more records follow, and the processor is started anew for the next part:
 * at start-up Kafka Streams loads a global table completely before it processes anything, so the catalog is in
 * place for every record after it.
 */
public final class Replay {

    private Replay() {}

    /** The parts of a replay, in order: each ends after a run of records of {@code catalogTopic}. */
    public static List<List<EventRecord>> parts(List<EventRecord> records, String catalogTopic) {
        List<List<EventRecord>> parts = new ArrayList<>();
        List<EventRecord> current = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            EventRecord record = records.get(i);
            current.add(record);
            boolean endOfCatalogRun = record.topic().equals(catalogTopic)
                    && i + 1 < records.size()
                    && !records.get(i + 1).topic().equals(catalogTopic);
            if (endOfCatalogRun) {
                parts.add(current);
                current = new ArrayList<>();
            }
        }
        if (!current.isEmpty()) {
            parts.add(current);
        }
        return parts;
    }
}
