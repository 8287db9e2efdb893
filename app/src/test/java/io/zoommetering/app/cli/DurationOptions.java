package io.zoommetering.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** Checks every {@link Duration} option of a command line (the processor's, the tools'). */
public final class DurationOptions {

    private DurationOptions() {}

    /**
     * Parses {@code value} as each {@link Duration} option of every command under {@code top} (one option at a
     * time, as that command's own command line does), checks that each gets {@code expected}, and names them.
     */
    public static List<String> accept(CommandLine top, String value, Duration expected) {
        List<String> checked = new ArrayList<>();
        visit(top, top, new ArrayList<>(), value, expected, checked);
        return checked;
    }

    private static void visit(
            CommandLine top,
            CommandLine command,
            List<String> path,
            String value,
            Duration expected,
            List<String> checked) {
        for (OptionSpec option : command.getCommandSpec().options()) {
            if (option.type() != Duration.class) {
                continue;
            }
            String name = command.getCommandName() + " " + option.longestName();
            List<String> args = new ArrayList<>(path);
            args.add(option.longestName());
            args.add(value);
            try {
                top.parseArgs(args.toArray(String[]::new));
            } catch (CommandLine.MissingParameterException e) {
                // Another option is required; the duration was converted and set before that check.
            }
            assertThat((Duration) option.getValue()).as(name).isEqualTo(expected);
            checked.add(name);
        }
        for (CommandLine sub : command.getSubcommands().values()) {
            if (sub.getCommandSpec().parent() != command.getCommandSpec()) {
                continue; // an alias, or the help command's reference
            }
            List<String> subPath = new ArrayList<>(path);
            subPath.add(sub.getCommandName());
            visit(top, sub, subPath, value, expected, checked);
        }
    }
}
