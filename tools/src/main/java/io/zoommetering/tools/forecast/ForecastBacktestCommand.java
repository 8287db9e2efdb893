package io.zoommetering.tools.forecast;

import io.zoommetering.tools.generator.GeneratorSettings;
import io.zoommetering.tools.generator.TrafficGenerator;
import io.zoommetering.topology.output.forecast.ForecastSettings;
import io.zoommetering.topology.output.forecast.HoltWinters;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code forecast-backtest}: the rolling-origin backtest of gold.forecast's model on a generated history. */
@Command(
        name = "forecast-backtest",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpAutoWidth = true,
        showDefaultValues = true,
        description = {
            "Generates a clean history (no mischief: every record counts) and backtests gold.forecast's model "
                    + "(the topology's HoltWinters with the zm.forecast defaults, or the weights given here) on each "
                    + "stream's hourly event totals: for each of the last --test-days days, forecast from the hour "
                    + "before the day (horizons 1-24) and from a day earlier (25-48, as the output is read with the "
                    + "default 24 h grace), against seasonal-naive (the same hour a week earlier). Prints WAPE per "
                    + "stream and overall, and the share of hours inside the p10-p90 interval."
        })
public final class ForecastBacktestCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--users", paramLabel = "N", defaultValue = "200", description = "Accounts on the platform.")
    private int users;

    @Option(names = "--weeks", paramLabel = "N", defaultValue = "16", description = "Weeks of history.")
    private int weeks;

    @Option(
            names = "--test-days",
            paramLabel = "N",
            defaultValue = "28",
            description = "Days at the end of the history forecast, one origin each.")
    private int testDays;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Seed of the generated history.")
    private long seed;

    @Option(
            names = "--start-date",
            paramLabel = "DATE",
            defaultValue = "2026-01-05",
            description = "First day of the history (UTC).")
    private LocalDate startDate;

    @Option(names = "--alpha", paramLabel = "W", description = "Level weight (default: zm.forecast.alpha's).")
    private Double alpha;

    @Option(names = "--beta", paramLabel = "W", description = "Trend weight (default: zm.forecast.beta's).")
    private Double beta;

    @Option(names = "--gamma", paramLabel = "W", description = "Season weight (default: zm.forecast.gamma's).")
    private Double gamma;

    @Override
    public Integer call() {
        HoltWinters.Parameters defaults = ForecastSettings.DEFAULT_PARAMETERS;
        HoltWinters.Parameters parameters = new HoltWinters.Parameters(
                alpha != null ? alpha : defaults.alpha(),
                beta != null ? beta : defaults.beta(),
                gamma != null ? gamma : defaults.gamma(),
                defaults.spreadWeight());
        int days = weeks * 7;
        GeneratorSettings settings = GeneratorSettings.defaults()
                .clean()
                .withUsers(users)
                .withDays(days)
                .withSeed(seed)
                .withStartDate(startDate);
        TrafficGenerator generator = new TrafficGenerator(settings);
        Instant start = startDate.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant now = start.plus(Duration.ofDays(days + 1));
        Map<String, long[]> totals = ForecastBacktest.hourlyTotals(generator.batch(now), start, days);
        Map<String, ForecastBacktest.Score> scores = ForecastBacktest.run(totals, start, testDays, parameters);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(
                Locale.ROOT,
                "%d weeks, %d users, seed %d, alpha %s beta %s gamma %s; last %d days%n",
                weeks,
                users,
                seed,
                parameters.alpha(),
                parameters.beta(),
                parameters.gamma(),
                testDays);
        out.printf(
                Locale.ROOT,
                "%-28s %12s %10s %10s %12s %10s%n",
                "stream",
                "events",
                "model",
                "naive",
                "model 25-48",
                "p10-p90");
        scores.forEach((stream, score) -> print(out, stream, score));
        print(out, "overall", ForecastBacktest.overall(scores));
        out.printf(
                Locale.ROOT, "weekly events, first and last week: %d, %d%n", week(totals, 0), week(totals, weeks - 1));
        out.flush();
        return 0;
    }

    private static void print(PrintWriter out, String stream, ForecastBacktest.Score score) {
        if (score.actualTotal() == 0) {
            out.printf(Locale.ROOT, "%-28s %12d %10s%n", stream, 0, "no events");
            return;
        }
        out.printf(
                Locale.ROOT,
                "%-28s %12.0f %9.1f%% %9.1f%% %11.1f%% %9.1f%%%n",
                stream,
                score.actualTotal(),
                100 * score.modelWape(),
                100 * score.naiveWape(),
                100 * score.modelLaggedWape(),
                100 * score.coverage());
    }

    private static long week(Map<String, long[]> totals, int week) {
        long sum = 0;
        for (long[] series : totals.values()) {
            for (int hour = week * HoltWinters.SEASON; hour < (week + 1) * HoltWinters.SEASON; hour++) {
                sum += series[hour];
            }
        }
        return sum;
    }
}
