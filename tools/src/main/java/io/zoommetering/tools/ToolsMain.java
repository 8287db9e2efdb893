package io.zoommetering.tools;

import io.zoommetering.app.cli.CommandLines;
import io.zoommetering.tools.bench.BenchCommand;
import io.zoommetering.tools.cli.AnalyticsCommand;
import io.zoommetering.tools.cli.DemoCommand;
import io.zoommetering.tools.cli.GenerateCommand;
import io.zoommetering.tools.demo.DemoLogging;
import io.zoommetering.tools.forecast.ForecastBacktestCommand;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code zoom-metering-tools}: what runs around the processor, never in its jar or image: the demo on an embedded
 * broker, the traffic generator and the benchmark. The processor itself ({@code run}, {@code export}) is
 * {@code zoom-metering}'s ({@link io.zoommetering.app.Main}).
 */
@Command(
        name = "zoom-metering-tools",
        mixinStandardHelpOptions = true,
        versionProvider = CommandLines.JarVersion.class,
        description = "The demo on an embedded broker, synthetic traffic and the benchmark of zoom-metering.",
        subcommands = {
            DemoCommand.class,
            GenerateCommand.class,
            BenchCommand.class,
            AnalyticsCommand.class,
            ForecastBacktestCommand.class,
            CommandLine.HelpCommand.class
        })
public final class ToolsMain implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand");
    }

    public static void main(String[] args) {
        // Before the first logger exists: full logger names, so that the demo's console can tell its own warnings
        // from Kafka's (the processor's jar keeps the short names).
        if (System.getProperty(DemoLogging.SHOW_FULL_NAMES) == null) {
            System.setProperty(DemoLogging.SHOW_FULL_NAMES, "false");
        }
        System.exit(commandLine(System.getenv()).execute(args));
    }

    /** The command line, its commands created with {@code environment} as their environment variables. */
    public static CommandLine commandLine(Map<String, String> environment) {
        return CommandLines.create(new ToolsMain(), environment);
    }
}
