package io.zoommetering.tools.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;

/**
 * When a run is done, seen from outside as an operator would check it, polled every {@link #POLL}:
 *
 * <ol>
 *   <li>the application's consumer group has committed the end offset of every input partition (loaded before
 *       the start, so these ends are fixed) and of every partition of its repartition topics
 *       ({@code <application.id>-*-repartition}, read-committed ends, read again at each poll);</li>
 *   <li>and that holds, with the repartition ends unchanged, for a confirmation window longer than an emit
 *       interval plus a commit interval (several of each): partial aggregates that an account task has yet to ship
 *       (it ships every emit interval, by wall clock) or that sit in a transaction not yet committed would have
 *       become visible in that window and broken the streak.</li>
 * </ol>
 *
 * The run is done at the first poll of that final streak. Under exactly-once, committed offsets and outputs are
 * committed in one transaction; under at-least-once, offsets are committed after the outputs were acknowledged; in
 * both cases "committed at the end" means all output is written. The pass-through has no repartition topics and
 * nothing to ship, so it needs no confirmation window. The window only delays the detection, not the measured end.
 */
final class Completion {

    static final Duration POLL = Duration.ofMillis(100);

    /** One poll's moment and what had been spent by then. */
    record Sample(long nanos, long processCpuNanos, long streamsCpuNanos, Map<String, Long> cpuByThreadGroup) {}

    /** The run's end, and the first moment it was seen RUNNING (-1 if never seen). */
    record Done(Sample end, long runningNanos) {}

    private Completion() {}

    static Done await(
            BenchCluster cluster,
            String applicationId,
            Map<TopicPartition, Long> inputEnds,
            boolean repartitions,
            Duration confirmation,
            Duration timeout,
            Supplier<KafkaStreams.State> state,
            Supplier<Throwable> failure,
            ResourceMeter meter)
            throws TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long runningNanos = -1;
        Sample streakStart = null;
        Map<TopicPartition, Long> streakEnds = null;
        Map<TopicPartition, Long> lastLag = Map.of();
        while (true) {
            Map<String, Long> groups = meter.cpuByThreadGroup(applicationId);
            Sample now =
                    new Sample(System.nanoTime(), meter.processCpuNanos(), groups.get(ResourceMeter.STREAMS), groups);
            Throwable failed = failure.get();
            if (failed != null) {
                throw new IllegalStateException("the run " + applicationId + " failed: " + failed, failed);
            }
            if (runningNanos < 0 && state.get() == KafkaStreams.State.RUNNING) {
                runningNanos = now.nanos();
            }
            Map<TopicPartition, Long> ends = new HashMap<>(inputEnds);
            if (repartitions) {
                ends.putAll(cluster.endOffsets(cluster.topicsStartingWith(applicationId + "-").stream()
                        .filter(topic -> topic.endsWith("-repartition"))
                        .toList()));
            }
            Map<TopicPartition, Long> committed = cluster.committedOffsets(applicationId);
            Map<TopicPartition, Long> lag = new HashMap<>();
            ends.forEach((partition, end) -> {
                long behind = end - committed.getOrDefault(partition, 0L);
                if (behind > 0) {
                    lag.put(partition, behind);
                }
            });
            lastLag = lag;
            if (lag.isEmpty()) {
                if (streakStart == null || !ends.equals(streakEnds)) {
                    streakStart = now;
                    streakEnds = ends;
                }
                if (now.nanos() - streakStart.nanos() >= confirmation.toNanos()) {
                    return new Done(streakStart, runningNanos);
                }
            } else {
                streakStart = null;
            }
            if (now.nanos() > deadline) {
                throw new TimeoutException(applicationId + " did not finish within " + timeout + "; lag " + lastLag);
            }
            Thread.sleep(POLL.toMillis());
        }
    }
}
