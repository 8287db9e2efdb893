package io.zoommetering.app.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code zoom-metering demo}: arrives with the embedded demo (broker, generator, live KPI table). */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Runs the processor on an embedded Kafka broker with synthetic traffic (not wired yet).")
public final class DemoCommand implements Callable<Integer> {

    private final Map<String, String> environment;

    public DemoCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        System.err.println("zoom-metering demo: not wired yet (" + environment.size() + " environment variables)");
        return 1;
    }
}
