package io.zoommetering.tools.bench;

import java.util.Map;

/**
 * What one timed run measured.
 *
 * @param seconds           from the start of the Streams client to the moment the run was done ({@link Completion})
 * @param startupSeconds    from the start until the client was first seen RUNNING
 * @param processCpuSeconds CPU time of the whole process over the run (the embedded broker's included)
 * @param streamsCpuSeconds CPU time of the run's own Kafka Streams threads (stream threads and their clients)
 * @param peakHeapBytes     sum of the heap pools' peaks over the run
 * @param maxHeapAfterGcBytes the largest heap left by a collection over the run
 * @param liveHeapAtEndBytes the heap in use after a full collection at the end of the run (its state included:
 *                          the client is still open)
 * @param stateBytes        bytes under the run's state directory after it closed
 * @param stateByStore      those bytes by store
 * @param changelogBytes    bytes of the run's changelog topics on the brokers
 * @param cpuSecondsByThreadGroup where the process CPU went ({@link ResourceMeter#cpuByThreadGroup})
 * @param outputOffsets     the end offsets of the run's output topics, summed (under exactly-once they count the
 *                          transaction markers too)
 */
record RunResult(
        String variant,
        String guarantee,
        int round,
        String applicationId,
        int users,
        long events,
        double seconds,
        double startupSeconds,
        double processCpuSeconds,
        double streamsCpuSeconds,
        Map<String, Double> cpuSecondsByThreadGroup,
        long peakHeapBytes,
        long maxHeapAfterGcBytes,
        long liveHeapAtEndBytes,
        long stateBytes,
        Map<String, Long> stateByStore,
        long changelogBytes,
        long outputOffsets) {

    static final String PASS_THROUGH = "pass-through";
    static final String GOLD = "gold";

    double eventsPerSecond() {
        return events / seconds;
    }

    /** Events per second once the client was RUNNING: without the start-up (internal topics, group, stores). */
    double runningEventsPerSecond() {
        return events / (seconds - startupSeconds);
    }

    double processCpuSecondsPerMillion() {
        return processCpuSeconds / (events / 1e6);
    }

    double streamsCpuSecondsPerMillion() {
        return streamsCpuSeconds / (events / 1e6);
    }

    /** CPU seconds per million events, by thread group. */
    Map<String, Double> cpuSecondsPerMillionByThreadGroup() {
        Map<String, Double> perMillion = new java.util.LinkedHashMap<>();
        cpuSecondsByThreadGroup.forEach((group, seconds) -> perMillion.put(group, seconds / (events / 1e6)));
        return perMillion;
    }

    double stateBytesPerUser() {
        return (double) stateBytes / users;
    }
}
