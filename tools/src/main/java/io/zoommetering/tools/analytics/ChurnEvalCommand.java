package io.zoommetering.tools.analytics;

import io.zoommetering.tools.generator.GeneratorSettings;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code analytics churn-eval}: gold.churn-risk scored daily over a generated history, against the generator's truth. */
@Command(
        name = "churn-eval",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpAutoWidth = true,
        showDefaultValues = true,
        description = {
            "Generates a history (no mischief), runs it through the topology's gold.churn-risk in a "
                    + "TopologyTestDriver, reads every account's row at the end of each day, and judges the rows of "
                    + "the accounts paying that day against the generator's truth: does the account cancel within "
                    + "--horizon days? Prints precision and recall of the alert flag and the ROC AUC of the score, "
                    + "next to a baseline that flags inactivity alone (docs/ANALYTICS.md, 'Churn risk')."
        })
public final class ChurnEvalCommand implements Callable<Integer> {

    @Option(names = "--users", paramLabel = "N", defaultValue = "1500", description = "Accounts on the platform.")
    private int users;

    @Option(names = "--weeks", paramLabel = "N", defaultValue = "20", description = "Weeks of history (at least 16).")
    private int weeks;

    @Option(
            names = "--start-date",
            paramLabel = "yyyy-MM-dd",
            defaultValue = "2026-01-05",
            description = "First day of the history (UTC).")
    private LocalDate startDate;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Seed of the generator.")
    private long seed;

    @Option(
            names = "--horizon",
            paramLabel = "DAYS",
            defaultValue = "30",
            description = "A case is positive when the account cancels within this many days after the scored day.")
    private int horizon;

    @Override
    public Integer call() {
        if (weeks < 16) {
            throw new IllegalArgumentException("--weeks must be at least 16, not " + weeks);
        }
        GeneratorSettings settings = GeneratorSettings.defaults()
                .withUsers(users)
                .withDays(weeks * 7)
                .withStartDate(startDate)
                .withSeed(seed)
                .clean();
        ChurnEvaluation.report(new ChurnEvaluation(settings, horizon).run(), System.out);
        return 0;
    }
}
