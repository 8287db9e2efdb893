package io.zoommetering.tools.demo;

import io.zoommetering.app.topics.EndOffsets;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Whether the processor has worked through everything it was given, seen from outside, as an operator would check:
 * its consumer group has committed the end of every source and repartition topic, and the output topics have
 * stopped growing for a while (account tasks ship partial aggregates on a wall-clock schedule, so a consumed input
 * may still have partials to ship).
 */
public final class ProcessingProgress implements AutoCloseable {

    private final Admin admin;
    private final String groupId;
    private final List<String> sourceTopics;
    private final List<String> outputTopics;

    /**
     * @param admin        closed with this
     * @param sourceTopics every topic the group reads, repartition topics included
     *                     ({@link io.zoommetering.app.processor.MeteringApp#sourceTopics()})
     * @param outputTopics the topics whose growth shows pending work
     */
    public ProcessingProgress(
            Admin admin, String groupId, Collection<String> sourceTopics, Collection<String> outputTopics) {
        this.admin = admin;
        this.groupId = groupId;
        this.sourceTopics = List.copyOf(sourceTopics);
        this.outputTopics = List.copyOf(outputTopics);
    }

    /**
     * Source and repartition partitions whose committed offset is behind their (read-committed) end, with the lag;
     * a topic that does not exist yet (Kafka Streams creates repartition topics when it starts) lags as partition
     * -1.
     */
    public Map<TopicPartition, Long> lag() throws ExecutionException, InterruptedException {
        Set<String> existing = admin.listTopics().names().get();
        Map<TopicPartition, Long> lag = new HashMap<>();
        sourceTopics.stream()
                .filter(topic -> !existing.contains(topic))
                .forEach(topic -> lag.put(new TopicPartition(topic, -1), Long.MAX_VALUE));
        if (!lag.isEmpty()) {
            return lag;
        }
        Map<TopicPartition, Long> ends = endOffsets(sourceTopics);
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                .partitionsToOffsetAndMetadata()
                .get();
        ends.forEach((partition, end) -> {
            OffsetAndMetadata offset = committed.get(partition);
            long position = offset == null ? 0 : offset.offset();
            if (end > position) {
                lag.put(partition, end - position);
            }
        });
        return lag;
    }

    /** Read-committed end offsets of the output topics. */
    public Map<TopicPartition, Long> outputEnds() throws ExecutionException, InterruptedException {
        return endOffsets(outputTopics);
    }

    /**
     * Waits until nothing is left to consume and the outputs have not changed for {@code quiet}.
     *
     * @throws TimeoutException when that does not happen within {@code timeout}
     */
    public void awaitIdle(Duration quiet, Duration timeout, Duration pollEvery)
            throws TimeoutException, ExecutionException, InterruptedException {
        awaitIdle(quiet, timeout, pollEvery, () -> false);
    }

    /**
     * As {@link #awaitIdle(Duration, Duration, Duration)}, giving up as soon as {@code failed} is true (the processor
     * died: it will not get there).
     *
     * @throws IllegalStateException when {@code failed} became true
     */
    public void awaitIdle(Duration quiet, Duration timeout, Duration pollEvery, BooleanSupplier failed)
            throws TimeoutException, ExecutionException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<TopicPartition, Long> lastEnds = null;
        long stableSince = System.nanoTime();
        while (true) {
            if (failed.getAsBoolean()) {
                throw new IllegalStateException("the processor failed before it had processed everything");
            }
            Map<TopicPartition, Long> lag = lag();
            Map<TopicPartition, Long> ends = outputEnds();
            long now = System.nanoTime();
            if (!lag.isEmpty() || !ends.equals(lastEnds)) {
                stableSince = now;
            } else if (now - stableSince >= quiet.toNanos()) {
                return;
            }
            lastEnds = ends;
            if (now > deadline) {
                throw new TimeoutException("the processor did not finish within " + timeout + "; lag " + lag);
            }
            Thread.sleep(pollEvery.toMillis());
        }
    }

    @Override
    public void close() {
        admin.close();
    }

    private Map<TopicPartition, Long> endOffsets(List<String> topics) throws ExecutionException, InterruptedException {
        return EndOffsets.readCommitted(admin, topics);
    }
}
