package io.zoommetering.app.processor;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What restoring state from the changelogs cost, the figure an operator needs after a crash: under exactly-once a
 * task that was not closed cleanly is wiped and restored in full. One INFO line when a burst of restores ends (no
 * store partition restoring any more): how many store partitions, records and milliseconds; each store partition
 * at DEBUG.
 */
final class RestoreLog implements StateRestoreListener {

    private static final Logger LOG = LoggerFactory.getLogger(RestoreLog.class);

    /** Start of each restore in progress (the state updater restores several partitions at once). */
    private final Map<TopicPartition, Long> restoring = new HashMap<>();

    private long burstStart;
    private int partitions;
    private long records;

    @Override
    public synchronized void onRestoreStart(
            TopicPartition changelog, String store, long startingOffset, long endingOffset) {
        if (restoring.isEmpty()) {
            burstStart = System.nanoTime();
            partitions = 0;
            records = 0;
        }
        restoring.put(changelog, System.nanoTime());
        LOG.debug("Restoring store {} from {} (offsets {} to {})", store, changelog, startingOffset, endingOffset);
    }

    @Override
    public void onBatchRestored(TopicPartition changelog, String store, long batchEndOffset, long numRestored) {
        // The totals are counted at the end.
    }

    @Override
    public synchronized void onRestoreEnd(TopicPartition changelog, String store, long totalRestored) {
        ended(changelog, store, totalRestored, "restored");
    }

    @Override
    public synchronized void onRestoreSuspended(TopicPartition changelog, String store, long totalRestored) {
        ended(changelog, store, totalRestored, "suspended (its task moved)");
    }

    private void ended(TopicPartition changelog, String store, long restored, String how) {
        Long start = restoring.remove(changelog);
        if (start == null) {
            return;
        }
        partitions++;
        records += restored;
        LOG.debug(
                "Store {} from {} {}: {} records in {} ms",
                store,
                changelog,
                how,
                restored,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        if (restoring.isEmpty()) {
            LOG.info(
                    "Restored {} store partitions from their changelogs: {} records in {} ms",
                    partitions,
                    records,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - burstStart));
        }
    }
}
