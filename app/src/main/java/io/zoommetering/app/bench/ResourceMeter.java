package io.zoommetering.app.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * What one run costs the JVM: CPU time of the whole process (the embedded broker included, when there is one) and
 * of the run's own Kafka Streams threads, and the heap: the peak of the heap pools, and the largest heap left after
 * a garbage collection (the live set, which does not depend on how lazily the collector runs).
 */
final class ResourceMeter implements AutoCloseable {

    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
    private final AtomicLong maxAfterGc = new AtomicLong();
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final NotificationListener listener = this::onGc;
    private final long startNanos;
    private final long startCpuNanos;

    private ResourceMeter() {
        heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(listener, null, null);
                emitters.add(emitter);
            }
        }
        startNanos = System.nanoTime();
        startCpuNanos = os.getProcessCpuTime();
    }

    /** Collects garbage left by what ran before, then starts measuring. */
    static ResourceMeter start() {
        System.gc();
        return new ResourceMeter();
    }

    long elapsedNanos() {
        return System.nanoTime() - startNanos;
    }

    long startNanos() {
        return startNanos;
    }

    /** CPU time of the process since the start. */
    long processCpuNanos() {
        return os.getProcessCpuTime() - startCpuNanos;
    }

    /** CPU time of the live threads whose name contains {@code marker} (a run's application id), since they began. */
    long threadCpuNanos(String marker) {
        long total = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().contains(marker)) {
                long cpu = threads.getThreadCpuTime(info.getThreadId());
                if (cpu > 0) {
                    total += cpu;
                }
            }
        }
        return total;
    }

    /** The sum of the heap pools' peaks since the start: an upper bound of the heap in use at any moment. */
    long peakHeapBytes() {
        long peak = 0;
        for (MemoryPoolMXBean pool : heapPools) {
            MemoryUsage usage = pool.getPeakUsage();
            peak += usage == null ? 0 : usage.getUsed();
        }
        return peak;
    }

    /** The largest heap in use right after a collection since the start (0 when none ran). */
    long maxLiveHeapBytes() {
        return maxAfterGc.get();
    }

    private void onGc(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info =
                GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
        long after = 0;
        for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
            if (heapPools.stream().anyMatch(heap -> heap.getName().equals(pool.getKey()))) {
                after += pool.getValue().getUsed();
            }
        }
        // A young collection leaves the old generation as it was, garbage included; only full or mixed
        // collections say what is live. Both are counted: the maximum is an upper bound of the live set.
        maxAfterGc.accumulateAndGet(after, Math::max);
    }

    @Override
    public void close() {
        for (NotificationEmitter emitter : emitters) {
            try {
                emitter.removeNotificationListener(listener);
            } catch (ListenerNotFoundException e) {
                // already gone
            }
        }
    }
}
