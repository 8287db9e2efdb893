package io.zoommetering.app.runtime;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIGTERM and SIGINT as a request to stop, so that the process closes Kafka Streams and exits 0 (the JVM's own
 * handling runs the shutdown hooks and exits 143). A second signal halts at once. {@code sun.misc.Signal} is
 * reached by reflection: it is supported (module jdk.unsupported) but javac warns on every direct use.
 */
public final class Signals {

    private static final Logger LOG = LoggerFactory.getLogger(Signals.class);

    private Signals() {}

    /** @return whether the handlers are installed; when not, the shutdown hook still closes cleanly */
    public static boolean onTermination(Runnable stop) {
        AtomicInteger received = new AtomicInteger();
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            Object handler = Proxy.newProxyInstance(
                    Signals.class.getClassLoader(), new Class<?>[] {handlerClass}, (proxy, method, args) -> {
                        if (!"handle".equals(method.getName())) {
                            return method.getName().equals("toString") ? "stop handler" : null;
                        }
                        if (received.incrementAndGet() > 1) {
                            Runtime.getRuntime().halt(130);
                        }
                        LOG.info("Stopping on signal {}", args[0]);
                        stop.run();
                        return null;
                    });
            for (String name : new String[] {"TERM", "INT"}) {
                Object signal = signalClass.getConstructor(String.class).newInstance(name);
                signalClass.getMethod("handle", signalClass, handlerClass).invoke(null, signal, handler);
            }
            return true;
        } catch (ClassNotFoundException
                | NoSuchMethodException
                | IllegalAccessException
                | InstantiationException
                | InvocationTargetException
                | IllegalArgumentException e) {
            LOG.debug("No signal handlers; the shutdown hook will close the processor", e);
            return false;
        }
    }
}
