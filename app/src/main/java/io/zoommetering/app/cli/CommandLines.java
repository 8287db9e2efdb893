package io.zoommetering.app.cli;

import io.zoommetering.app.config.SettingsException;
import io.zoommetering.app.runtime.ExitCodes;
import io.zoommetering.app.runtime.StartupException;
import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What the processor's command line and the tools' have in common: commands that read settings get the given
 * environment, and a failure becomes one of the {@link ExitCodes} with a one-line reason.
 */
public final class CommandLines {

    private CommandLines() {}

    /**
     * A command line for {@code top}; a command with a public constructor taking a {@code Map} gets
     * {@code environment} as its environment variables (tests pass their own).
     */
    public static CommandLine create(Object top, Map<String, String> environment) {
        CommandLine cli = new CommandLine(top, new EnvironmentFactory(environment));
        // One duration syntax for every option of every command: picocli registers it with the whole hierarchy of
        // subcommands the constructor has built.
        cli.registerConverter(Duration.class, new DurationConverter());
        cli.setExecutionExceptionHandler(CommandLines::handle);
        return cli;
    }

    private static int handle(Exception error, CommandLine command, CommandLine.ParseResult parsed) {
        PrintWriter err = command.getErr();
        String name = command.getCommandSpec().root().name();
        if (error instanceof SettingsException) {
            err.println(name + ": bad setting: " + error.getMessage());
            err.flush();
            return ExitCodes.BAD_SETTINGS;
        }
        if (error instanceof StartupException startup) {
            err.println(name + ": cannot start: " + error.getMessage());
            err.flush();
            return startup.exitCode();
        }
        err.println(name + ": failed: " + error);
        error.printStackTrace(err);
        err.flush();
        return ExitCodes.FATAL;
    }

    /** "name version" of the top command, the version from its jar's manifest. */
    public static final class JarVersion implements CommandLine.IVersionProvider {

        @Spec
        CommandSpec spec;

        @Override
        public String[] getVersion() {
            CommandSpec top = spec.root();
            String version = top.userObject().getClass().getPackage().getImplementationVersion();
            return new String[] {top.name() + " " + (version == null ? "(development build)" : version)};
        }
    }

    private static final class EnvironmentFactory implements CommandLine.IFactory {

        private final Map<String, String> environment;
        private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

        EnvironmentFactory(Map<String, String> environment) {
            this.environment = Map.copyOf(environment);
        }

        // Picocli also creates converters, mixins and option collections here: only commands get the environment
        // (a LinkedHashMap, too, has a constructor taking a Map).
        @Override
        public <K> K create(Class<K> type) throws Exception {
            if (type.isAnnotationPresent(Command.class)) {
                try {
                    Constructor<K> withEnvironment = type.getConstructor(Map.class);
                    return withEnvironment.newInstance(environment);
                } catch (NoSuchMethodException e) {
                    // A command that reads no settings.
                }
            }
            return fallback.create(type);
        }
    }
}
