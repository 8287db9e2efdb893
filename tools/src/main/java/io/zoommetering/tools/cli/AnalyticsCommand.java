package io.zoommetering.tools.cli;

import io.zoommetering.tools.analytics.ChurnEvalCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code analytics}: the evaluations of the analytics outputs that docs/ANALYTICS.md reports. */
@Command(
        name = "analytics",
        mixinStandardHelpOptions = true,
        description = "Evaluations of the analytics outputs over generated histories (docs/ANALYTICS.md).",
        subcommands = {ChurnEvalCommand.class, CommandLine.HelpCommand.class})
public final class AnalyticsCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand");
    }
}
