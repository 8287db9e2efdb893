package io.zoommetering.tools.demo;

import io.zoommetering.app.events.EventRecord;
import io.zoommetering.tools.events.EventProducer;
import io.zoommetering.tools.generator.TrafficGenerator;
import java.time.Clock;
import java.util.Iterator;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The live demo's traffic: the generator's paced live stream, produced by a thread of its own until closed. */
public final class LiveTraffic implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LiveTraffic.class);

    private final Thread thread;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    /** @param producer used by this traffic's thread only, and flushed when it stops */
    public LiveTraffic(TrafficGenerator generator, EventProducer producer, Clock clock) {
        this.thread = new Thread(
                () -> {
                    try {
                        Iterator<EventRecord> live = generator.live(clock);
                        while (!Thread.currentThread().isInterrupted() && live.hasNext()) {
                            producer.send(live.next());
                            sent.incrementAndGet();
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

    /** Records handed to the producer so far. */
    public long sent() {
        return sent.get();
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
