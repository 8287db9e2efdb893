package io.zoommetering.tools.demo;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A producer whose records get strictly increasing timestamps, one millisecond apart, in the order they are sent.
 *
 * <p>Kafka Streams processes the records of a task's partitions in timestamp order, when every partition has data
 * buffered or known to be waiting on the broker. A replayed file, produced in full before the processor reads it,
 * is therefore processed in the file's order across topics, which is the order the batch reference assumes. With
 * the send time as timestamp, records sent within one millisecond tie, and ties are broken arbitrarily.
 */
public final class SequencedTimestamps {

    private SequencedTimestamps() {}

    /** The next timestamp is {@code first}, then {@code first + 1}, ... */
    @SuppressWarnings("unchecked")
    public static <K, V> Producer<K, V> wrap(Producer<K, V> producer, long first) {
        AtomicLong next = new AtomicLong(first);
        return (Producer<K, V>) Proxy.newProxyInstance(
                SequencedTimestamps.class.getClassLoader(), new Class<?>[] {Producer.class}, (proxy, method, args) -> {
                    if (method.getName().equals("send") && args != null && args[0] instanceof ProducerRecord<?, ?> r) {
                        args[0] = new ProducerRecord<>(
                                r.topic(), r.partition(), next.getAndIncrement(), r.key(), r.value(), r.headers());
                    }
                    return invoke(method, producer, args);
                });
    }

    private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
