package io.zoommetering.tools.testing;

import io.zoommetering.tools.demo.ProcessingProgress;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How long processing stood still while there was work: samples the group's lag and committed offsets every
 * 100 ms and measures the longest time records waited (the lag was not empty) and nothing was committed. A sample
 * that fails (a broker down, say) counts as no commit.
 */
public final class StallWatch implements AutoCloseable {

    private final ProcessingProgress progress;
    private final Admin admin;
    private final String groupId;
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "stall-watch");
        thread.setDaemon(true);
        return thread;
    });
    private Map<TopicPartition, Long> lastCommitted = Map.of();
    private long stalledSince = -1;
    private long longestNanos;

    public StallWatch(ProcessingProgress progress, Admin admin, String groupId) {
        this.progress = progress;
        this.admin = admin;
        this.groupId = groupId;
        sampler.scheduleWithFixedDelay(this::sample, 0, 100, TimeUnit.MILLISECONDS);
    }

    /** The longest stall since the last call (or the start), and starts measuring anew. */
    public synchronized Duration longestStallAndReset() {
        long now = System.nanoTime();
        long longest = Math.max(longestNanos, stalledSince < 0 ? 0 : now - stalledSince);
        longestNanos = 0;
        stalledSince = stalledSince < 0 ? -1 : now;
        return Duration.ofNanos(longest);
    }

    private void sample() {
        Map<TopicPartition, Long> lag;
        Map<TopicPartition, Long> committed;
        try {
            lag = progress.lag();
            committed = new HashMap<>();
            for (Map.Entry<TopicPartition, OffsetAndMetadata> entry : admin.listConsumerGroupOffsets(groupId)
                    .partitionsToOffsetAndMetadata()
                    .get(5, TimeUnit.SECONDS)
                    .entrySet()) {
                committed.put(entry.getKey(), entry.getValue().offset());
            }
        } catch (Exception e) {
            lag = null;
            committed = null;
        }
        record(lag, committed, System.nanoTime());
    }

    private synchronized void record(Map<TopicPartition, Long> lag, Map<TopicPartition, Long> committed, long now) {
        boolean moved = committed != null && !committed.equals(lastCommitted);
        if (committed != null) {
            lastCommitted = committed;
        }
        if (lag != null && lag.isEmpty()) {
            end(now);
        } else if (moved) {
            end(now);
            stalledSince = now;
        } else if (stalledSince < 0) {
            stalledSince = now;
        }
    }

    private void end(long now) {
        if (stalledSince >= 0) {
            longestNanos = Math.max(longestNanos, now - stalledSince);
        }
        stalledSince = -1;
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
