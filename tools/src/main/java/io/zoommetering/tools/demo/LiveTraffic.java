package io.zoommetering.tools.demo;

import io.zoommetering.tools.events.EventProducer;
import io.zoommetering.tools.generator.LiveStream;
import io.zoommetering.tools.generator.Pacer;
import io.zoommetering.tools.generator.TrafficGenerator;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live demo's traffic, produced by a thread of its own until closed: the history of the backfill as fast as the
 * producer takes it, then the generator's paced live stream of the same accounts.
 */
public final class LiveTraffic implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LiveTraffic.class);

    private final Thread thread;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong backfilled = new AtomicLong();
    private volatile boolean live;
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    /**
     * @param producer used by this traffic's thread only, and flushed when it stops
     * @param backfill how much history comes first (zero for none)
     */
    public LiveTraffic(TrafficGenerator generator, EventProducer producer, Clock clock, Duration backfill) {
        this.thread = new Thread(
                () -> {
                    try {
                        LiveStream stream = generator.liveEvents(clock, Pacer.sleeping(clock), backfill);
                        while (!Thread.currentThread().isInterrupted() && stream.hasNext()) {
                            producer.send(stream.next().record());
                            sent.incrementAndGet();
                            backfilled.set(stream.backfilled());
                            live = stream.isLive();
                        }
                        // Stopping is an interrupt; clear it so that what was sent can still be acknowledged.
                        Thread.interrupted();
                        producer.flush();
                    } catch (RuntimeException e) {
                        failure.set(e);
                        LOG.error("The synthetic traffic stopped", e);
                    }
                },
                "live-traffic");
        this.thread.setDaemon(true);
    }

    public LiveTraffic start() {
        thread.start();
        return this;
    }

    /** Records handed to the producer so far, the backfill's included. */
    public long sent() {
        return sent.get();
    }

    /** Records of the backfill handed to the producer so far. */
    public long backfilled() {
        return backfilled.get();
    }

    /** Whether the backfill is over and the traffic is live. */
    public boolean isLive() {
        return live;
    }

    /** Why the traffic stopped early, or null. */
    public Exception failure() {
        return failure.get();
    }

    /** Stops the traffic and waits for what was sent to be acknowledged. */
    @Override
    public void close() throws InterruptedException {
        thread.interrupt();
        thread.join(30_000);
    }
}
