package io.zoommetering.tools.forecast;

import io.zoommetering.app.events.EventRecord;
import io.zoommetering.topology.output.forecast.HoltWinters;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * A rolling-origin backtest of gold.forecast's model ({@link HoltWinters}, the topology's own class and settings)
 * against the seasonal-naive forecast (the same hour a week earlier), over the hourly event totals of a history
 * per stream: for each of the last {@code testDays} days, the model is fed every hour before the day and forecasts
 * its 24 hours (origin the day before's last hour: horizons 1-24), and, as the deployed output is read with the
 * default 24 h grace, from the origin a day earlier (horizons 25-48). The error is WAPE: the sum of absolute errors
 * over the sum of the actual totals.
 */
public final class ForecastBacktest {

    private static final long HOUR_MS = Duration.ofHours(1).toMillis();
    private static final int DAY = 24;

    /** The errors of one stream, or of all: sums of absolute errors and of the actual totals. */
    public static final class Score {
        double actual;
        double model;
        double modelLagged;
        double naive;
        long hours;
        long covered;

        public double modelWape() {
            return model / actual;
        }

        public double modelLaggedWape() {
            return modelLagged / actual;
        }

        public double naiveWape() {
            return naive / actual;
        }

        /** Share of the forecast hours (horizons 1-24) whose actual total lies in the p10-p90 interval. */
        public double coverage() {
            return (double) covered / hours;
        }

        public double actualTotal() {
            return actual;
        }

        void add(Score other) {
            actual += other.actual;
            model += other.model;
            modelLagged += other.modelLagged;
            naive += other.naive;
            hours += other.hours;
            covered += other.covered;
        }
    }

    /** Hourly totals per stream: the event_time hours of every record, counted from {@code start}. */
    public static Map<String, long[]> hourlyTotals(Stream<EventRecord> records, Instant start, int days) {
        Map<String, long[]> totals = new TreeMap<>();
        records.forEach(record -> {
            if (record.isTombstone() || record.isRaw()) {
                return;
            }
            SpecificRecord value = record.value();
            Schema.Field field = value.getSchema().getField("event_time");
            if (field == null || value.get(field.pos()) == null) {
                return;
            }
            long hour =
                    Math.floorDiv(((Instant) value.get(field.pos())).toEpochMilli() - start.toEpochMilli(), HOUR_MS);
            if (hour >= 0 && hour < (long) days * DAY) {
                totals.computeIfAbsent(record.topic(), topic -> new long[days * DAY])[(int) hour]++;
            }
        });
        return totals;
    }

    /** The scores per stream, of the last {@code testDays} days of each series. */
    public static Map<String, Score> run(
            Map<String, long[]> totals, Instant start, int testDays, HoltWinters.Parameters parameters) {
        Map<String, Score> scores = new TreeMap<>();
        long firstHour = start.toEpochMilli() / HOUR_MS;
        totals.forEach((stream, series) -> {
            int days = series.length / DAY;
            int firstTestDay = days - testDays;
            if (firstTestDay < 8) {
                throw new IllegalArgumentException("the history needs more than a week before the test days");
            }
            Score score = new Score();
            HoltWinters model = new HoltWinters(parameters);
            for (int hour = 0; hour < series.length; hour++) {
                if (hour % DAY == 0) {
                    // The origin is the last hour of the day before `day`.
                    int day = hour / DAY;
                    if (day >= firstTestDay) {
                        score(series, day, model, score);
                    }
                    if (day + 1 >= firstTestDay && day + 1 < days) {
                        for (int h = 0; h < DAY; h++) {
                            score.modelLagged +=
                                    Math.abs(model.predict(DAY + 1 + h).expected() - series[(day + 1) * DAY + h]);
                        }
                    }
                }
                model.update(firstHour + hour, series[hour]);
            }
            scores.put(stream, score);
        });
        return scores;
    }

    /** The day's 24 hours forecast at horizons 1-24, and the seasonal-naive forecast of each. */
    private static void score(long[] series, int day, HoltWinters model, Score score) {
        for (int h = 0; h < DAY; h++) {
            int hour = day * DAY + h;
            double actual = series[hour];
            HoltWinters.Prediction prediction = model.predict(1 + h);
            score.actual += actual;
            score.model += Math.abs(prediction.expected() - actual);
            score.naive += Math.abs(series[hour - HoltWinters.SEASON] - actual);
            score.hours++;
            if (actual >= prediction.p10() && actual <= prediction.p90()) {
                score.covered++;
            }
        }
    }

    /** The sum of the scores. */
    public static Score overall(Map<String, Score> scores) {
        Score all = new Score();
        scores.values().forEach(all::add);
        return all;
    }

    private ForecastBacktest() {}
}
