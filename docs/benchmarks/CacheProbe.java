import java.lang.instrument.Instrumentation;
import java.lang.reflect.Field;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A diagnostic Java agent: samples, every 20 ms, the dirty-key set of every Kafka Streams record cache (NamedCache)
 * of every stream thread in the JVM, by reflection, and prints per cache the largest hash-table capacity, the
 * largest number of dirty keys and the largest number of entries it saw. Run a benchmark with
 * -javaagent:cache-probe.jar and --add-opens java.base/java.util=ALL-UNNAMED.
 */
public final class CacheProbe {

    private static final Map<String, long[]> MAX = new ConcurrentHashMap<>();

    public static void premain(String args, Instrumentation inst) {
        Thread sampler = new Thread(CacheProbe::sample, "cache-probe");
        sampler.setDaemon(true);
        sampler.start();
        Runtime.getRuntime().addShutdownHook(new Thread(CacheProbe::print));
    }

    private static void sample() {
        long lastPrint = System.nanoTime();
        while (true) {
            try {
                Thread.sleep(20);
                for (Thread thread : Thread.getAllStackTraces().keySet()) {
                    if (!thread.getClass().getName().equals("org.apache.kafka.streams.processor.internals.StreamThread")) {
                        continue;
                    }
                    Object resizer = field(thread, "cacheResizer");
                    Object cache = null;
                    for (Field f : resizer.getClass().getDeclaredFields()) {
                        f.setAccessible(true);
                        Object v = f.get(resizer);
                        if (v != null && v.getClass().getName().endsWith("ThreadCache")) {
                            cache = v;
                        }
                    }
                    Map<?, ?> caches = (Map<?, ?>) field(cache, "caches");
                    for (Object entry : caches.entrySet().toArray()) {
                        Map.Entry<?, ?> e = (Map.Entry<?, ?>) entry;
                        Object named = e.getValue();
                        Object dirty = field(named, "dirtyKeys");
                        Object map = fieldOf(java.util.HashSet.class, dirty, "map");
                        Object[] table = (Object[]) fieldOf(java.util.HashMap.class, map, "table");
                        int size = (Integer) fieldOf(java.util.HashMap.class, map, "size");
                        Map<?, ?> entries = (Map<?, ?>) field(named, "cache");
                        String name = thread.getName().replaceAll(".*-(StreamThread-\\d+)", "$1") + " " + e.getKey();
                        long[] max = MAX.computeIfAbsent(name, k -> new long[3]);
                        max[0] = Math.max(max[0], table == null ? 0 : table.length);
                        max[1] = Math.max(max[1], size);
                        max[2] = Math.max(max[2], entries.size());
                    }
                }
                if (System.nanoTime() - lastPrint > 30_000_000_000L) {
                    print();
                    lastPrint = System.nanoTime();
                }
            } catch (Throwable t) {
                // caches come and go with tasks: sample again
            }
        }
    }

    private static void print() {
        StringBuilder out = new StringBuilder("cache-probe: cache, max table capacity, max dirty keys, max entries\n");
        new TreeMap<>(MAX).forEach((name, max) -> out.append(String.format("cache-probe: %-90s %10d %10d %10d%n", name, max[0], max[1], max[2])));
        System.err.print(out);
    }

    private static Object field(Object target, String name) throws ReflectiveOperationException {
        for (Class<?> c = target.getClass(); c != null; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField(name);
                f.setAccessible(true);
                return f.get(target);
            } catch (NoSuchFieldException e) {
                // look further up
            }
        }
        throw new NoSuchFieldException(name);
    }

    private static Object fieldOf(Class<?> type, Object target, String name) throws ReflectiveOperationException {
        Field f = type.getDeclaredField(name);
        f.setAccessible(true);
        return f.get(target);
    }
}
