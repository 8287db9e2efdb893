package io.zoommetering.app;

import io.zoommetering.app.bench.BenchCommand;
import io.zoommetering.app.cli.DemoCommand;
import io.zoommetering.app.cli.ExportCommand;
import io.zoommetering.app.cli.GenerateCommand;
import io.zoommetering.app.cli.RunCommand;
import io.zoommetering.app.config.SettingsException;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code zoom-metering}: the command line. It only wires settings, metrics and lifecycle; what is computed is the
 * topology's business ({@link io.zoommetering.topology.GoldTopology}).
 */
@Command(name = "zoom-metering", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Streaming metering of Zoom platform events into a gold layer, exactly once, by event time.",
        subcommands = {RunCommand.class, DemoCommand.class, GenerateCommand.class, ExportCommand.class,
            BenchCommand.class, CommandLine.HelpCommand.class})
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
        CommandLine cli = new CommandLine(new Main(), new Factory(environment));
        cli.setExecutionExceptionHandler(Main::handle);
        return cli;
    }

    private static int handle(Exception error, CommandLine command, CommandLine.ParseResult parsed) {
        PrintWriter err = command.getErr();
        if (error instanceof SettingsException) {
            err.println("zoom-metering: bad setting: " + error.getMessage());
            err.flush();
            return ExitCodes.BAD_SETTINGS;
        }
        if (error instanceof StartupException startup) {
            err.println("zoom-metering: cannot start: " + error.getMessage());
            err.flush();
            return startup.exitCode();
        }
        err.println("zoom-metering: failed: " + error);
        error.printStackTrace(err);
        err.flush();
        return ExitCodes.FATAL;
    }

    /** Gives the commands that read settings the environment to read them from (tests pass their own). */
    private static final class Factory implements CommandLine.IFactory {

        private final Map<String, String> environment;
        private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

        Factory(Map<String, String> environment) {
            this.environment = Map.copyOf(environment);
        }

        @Override
        public <K> K create(Class<K> type) throws Exception {
            if (type == RunCommand.class) {
                return type.cast(new RunCommand(environment));
            }
            if (type == DemoCommand.class) {
                return type.cast(new DemoCommand(environment));
            }
            return fallback.create(type);
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {"zoom-metering " + (version == null ? "(development build)" : version)};
        }
    }
}
