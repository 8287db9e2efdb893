package io.zoommetering.app;

import io.zoommetering.app.cli.CommandLines;
import io.zoommetering.app.cli.ExportCommand;
import io.zoommetering.app.cli.RunCommand;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code zoom-metering}: the processor's command line, the top of the application that no other class uses. It
 * only wires settings, metrics and lifecycle; what is computed is the topology's business
 * ({@link io.zoommetering.topology.GoldTopology}). The demo, the generator and the benchmark are the tools'
 * ({@code zoom-metering-tools}), not the production jar's.
 */
@Command(
        name = "zoom-metering",
        mixinStandardHelpOptions = true,
        versionProvider = CommandLines.JarVersion.class,
        description = "Streaming metering of Zoom platform events into a gold layer, exactly once, by event time.",
        subcommands = {RunCommand.class, ExportCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand");
    }

    public static void main(String[] args) {
        System.exit(execute(System.getenv(), args));
    }

    /** Runs a command line with the given environment; returns the exit code. */
    public static int execute(Map<String, String> environment, String... args) {
        return commandLine(environment).execute(args);
    }

    /** The command line, its commands created with {@code environment} as their environment variables. */
    public static CommandLine commandLine(Map<String, String> environment) {
        return CommandLines.create(new Main(), environment);
    }
}
