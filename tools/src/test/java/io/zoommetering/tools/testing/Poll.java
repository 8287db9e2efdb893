package io.zoommetering.tools.testing;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/** Waiting for a condition with a deadline, never for a fixed time. */
public final class Poll {

    private Poll() {}

    /** Calls {@code condition} every 50 ms until it is true; fails with {@code what} after {@code timeout}. */
    public static void until(Duration timeout, String what, Callable<Boolean> condition) throws Exception {
        until(timeout, () -> what, condition);
    }

    /** As {@link #until(Duration, String, Callable)}, the failure's description made when it fails. */
    public static void until(Duration timeout, Supplier<String> what, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + timeout + " waiting until " + what.get());
            }
            Thread.sleep(50);
        }
    }
}
