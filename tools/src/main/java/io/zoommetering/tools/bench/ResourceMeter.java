package io.zoommetering.tools.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
            .filter(pool -> pool.getType() == MemoryType.HEAP)
            .toList();
    private final AtomicLong maxAfterGc = new AtomicLong();
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final Map<Long, Long> startThreadCpu = new HashMap<>();
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
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null) {
                startThreadCpu.put(info.getThreadId(), Math.max(0, threads.getThreadCpuTime(info.getThreadId())));
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

    /**
     * Where the process's CPU time went since the start: the run's Streams threads (named after its application id),
     * the benchmark's own threads (its main thread polls offsets; the latency phase sends and reads), the embedded
     * broker's threads (every other Java thread the JVM lists), and the rest, threads it does not list: the JIT
     * compilers, the garbage collector, RocksDB's background flushes and compactions, and the VM's own.
     */
    Map<String, Long> cpuByThreadGroup(String applicationId) {
        Map<String, Long> groups = new LinkedHashMap<>();
        groups.put(STREAMS, 0L);
        groups.put(BROKER, 0L);
        groups.put(BENCH, 0L);
        long javaThreads = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long cpu = threads.getThreadCpuTime(info.getThreadId());
            if (cpu < 0) {
                continue;
            }
            long spent = Math.max(0, cpu - startThreadCpu.getOrDefault(info.getThreadId(), 0L));
            javaThreads += spent;
            groups.merge(group(info.getThreadName(), applicationId), spent, Long::sum);
        }
        groups.put(NATIVE, Math.max(0, processCpuNanos() - javaThreads));
        return groups;
    }

    static final String STREAMS = "streams";
    static final String BROKER = "broker";
    static final String BENCH = "bench";
    static final String NATIVE = "jit, gc, rocksdb, vm";

    private static String group(String thread, String applicationId) {
        if (thread.contains(applicationId)) {
            return STREAMS;
        }
        // The main thread, the latency phase's watcher, and the clients the benchmark creates without a client id.
        if (thread.equals("main")
                || thread.startsWith("bench-")
                || thread.contains("| adminclient-")
                || thread.contains("| producer-")
                || thread.contains("| zoom-metering-events")) {
            return BENCH;
        }
        return BROKER;
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

    /**
     * The live heap now: the heap in use after a full collection, forced here. Called once a run's measured end has
     * been taken, so the collection is in none of its figures. Heap left by the collections of a run is no
     * measure of it: G1's young collections leave the old generation's garbage in place until a marking cycle,
     * which a large heap may not start for minutes.
     */
    long liveHeapAfterFullGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private void onGc(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info =
                GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
        long after = 0;
        for (Map.Entry<String, MemoryUsage> pool :
                info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
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
