package io.zoommetering.tools.bench;

/**
 * The latency phase of one guarantee: from a record's send to the first committed gold.event-totals row whose count
 * shows it, over the records sent after the warm-up.
 *
 * @param targetRate   events per second the records were sent at
 * @param achievedRate events per second actually sent
 * @param measured     records whose latency was measured (sent after the warm-up)
 * @param unmatched    of those, records no gold row showed before the phase ended
 */
record LatencyResult(
        String guarantee,
        double targetRate,
        double achievedRate,
        long sent,
        long measured,
        long unmatched,
        double warmupSeconds,
        double p50Ms,
        double p99Ms,
        double p999Ms,
        double maxMs,
        double meanMs) {}
