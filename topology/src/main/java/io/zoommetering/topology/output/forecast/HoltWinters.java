package io.zoommetering.topology.output.forecast;

import io.zoommetering.topology.state.CompactSerde;

/**
 * Additive Holt-Winters over an hourly series with a 168-hour (weekly) season, which holds the daily pattern of
 * each weekday and the weekend's: a level, a trend and 168 seasonal offsets, about 1.4 kB per series.
 *
 * <p><b>Start.</b> The first week is only collected, as raw totals in the season's place. From its second day on
 * ({@link #isReady() ready}) an hour is forecast as the same hour of the newest day consumed. After the week the
 * level is the week's mean, each offset its hour's difference from it and the trend 0 (the classic start), and
 * from then on every hour updates the level, the trend and its hour of the week's offset.
 *
 * <p><b>Interval.</b> Counts spread more where they are larger, so the model tracks the squared one-step errors
 * relative to the expected count (a dispersion, exponentially weighted by {@code spreadWeight}, 1 before any error:
 * Poisson). The h-step variance is {@code dispersion * max(1, f) * (1 + sum_{j<h} (alpha (1 + j beta))^2)}, the
 * additive model's variance growth for horizons within one season (Hyndman et al., class 1); the p10 and p90 are
 * the normal quantiles around the forecast, cut at 0.
 *
 * <p>Deterministic: the same hourly totals in the same order give the same state, bit for bit. The topology's
 * forecaster and the backtest (tools' {@code forecast-backtest}) both run this class.
 */
public final class HoltWinters {

    /** Hours in the season: a week. */
    public static final int SEASON = 168;

    static final int DAY = 24;

    /** The standard normal 90% quantile: p10 and p90 are the forecast -/+ this many deviations. */
    static final double Z90 = 1.2815515655446004;

    private final Parameters parameters;
    private final double[] season;
    private double level;
    private double trend;
    private double dispersion;
    /** Hours consumed so far. */
    private long seen;
    /** The newest hour consumed (epoch hour), meaningless while seen is 0. */
    private long lastHour;

    /**
     * The smoothing weights, each in (0, 1]: level {@code alpha}, trend {@code beta}, season {@code gamma}, and
     * {@code spreadWeight} for the dispersion of the errors.
     */
    public record Parameters(double alpha, double beta, double gamma, double spreadWeight) {
        public Parameters {
            weight("alpha", alpha);
            weight("beta", beta);
            weight("gamma", gamma);
            weight("spreadWeight", spreadWeight);
        }

        private static void weight(String name, double value) {
            if (!(value > 0 && value <= 1)) {
                throw new IllegalArgumentException(name + " must be in (0, 1], not " + value);
            }
        }
    }

    /** A forecast of one hour: the expected count and its p10 and p90. */
    public record Prediction(double expected, double p10, double p90) {}

    public HoltWinters(Parameters parameters) {
        this(parameters, new double[SEASON], 0, 0, 1, 0, 0);
    }

    private HoltWinters(
            Parameters parameters,
            double[] season,
            double level,
            double trend,
            double dispersion,
            long seen,
            long lastHour) {
        this.parameters = parameters;
        this.season = season;
        this.level = level;
        this.trend = trend;
        this.dispersion = dispersion;
        this.seen = seen;
        this.lastHour = lastHour;
    }

    /**
     * Consumes the total of the next hour.
     *
     * @param epochHour the hour, in hours since the epoch: the one after the last consumed, once one was
     * @throws IllegalArgumentException for any other hour: a gap must be consumed as zeros, a repeat never
     */
    public void update(long epochHour, double total) {
        if (seen > 0 && epochHour != lastHour + 1) {
            throw new IllegalArgumentException(
                    "hour " + epochHour + " after hour " + lastHour + ": the hours are consumed in order, once");
        }
        int slot = slot(epochHour);
        if (seen < SEASON) {
            if (seen >= DAY) {
                track(total, firstWeekForecast(epochHour));
            }
            season[slot] = total;
            if (seen == SEASON - 1) {
                start();
            }
        } else {
            double expected = level + trend + season[slot];
            track(total, expected);
            double previous = level;
            level = parameters.alpha() * (total - season[slot]) + (1 - parameters.alpha()) * (level + trend);
            trend = parameters.beta() * (level - previous) + (1 - parameters.beta()) * trend;
            season[slot] = parameters.gamma() * (total - level) + (1 - parameters.gamma()) * season[slot];
        }
        seen++;
        lastHour = epochHour;
    }

    private void track(double total, double expected) {
        double error = total - expected;
        dispersion += parameters.spreadWeight() * (error * error / Math.max(1, expected) - dispersion);
    }

    /** After the first week: the level is its mean, the offsets its hours' differences from it, no trend. */
    private void start() {
        double sum = 0;
        for (double total : season) {
            sum += total;
        }
        level = sum / SEASON;
        for (int i = 0; i < SEASON; i++) {
            season[i] -= level;
        }
    }

    /** During the first week (which the season holds as raw totals): the same hour of the newest day consumed. */
    private double firstWeekForecast(long epochHour) {
        long back = Math.floorDiv(epochHour - lastHour - 1, DAY) + 1;
        return season[slot(epochHour - back * DAY)];
    }

    /** Whether a day has been consumed, so that {@link #predict} may be asked. */
    public boolean isReady() {
        return seen >= DAY;
    }

    /** How many hours were consumed. */
    public long hoursSeen() {
        return seen;
    }

    /** The newest hour consumed, in hours since the epoch. */
    public long lastHour() {
        return lastHour;
    }

    /**
     * The forecast of the hour {@code horizon} hours after the last consumed one.
     *
     * @param horizon from 1 to {@link #SEASON}
     */
    public Prediction predict(int horizon) {
        if (!isReady()) {
            throw new IllegalStateException("no forecast before a day of hours is consumed");
        }
        if (horizon < 1 || horizon > SEASON) {
            throw new IllegalArgumentException("horizon " + horizon + " not in [1, " + SEASON + "]");
        }
        long hour = lastHour + horizon;
        double expected =
                Math.max(0, seen < SEASON ? firstWeekForecast(hour) : level + horizon * trend + season[slot(hour)]);
        double growth = 1;
        for (int j = 1; j < horizon; j++) {
            double c = parameters.alpha() * (1 + j * parameters.beta());
            growth += c * c;
        }
        double deviation = Math.sqrt(dispersion * Math.max(1, expected) * growth);
        return new Prediction(expected, Math.max(0, expected - Z90 * deviation), expected + Z90 * deviation);
    }

    private static int slot(long epochHour) {
        return (int) Math.floorMod(epochHour, SEASON);
    }

    void write(CompactSerde.Output out) {
        out.writeLong(seen);
        out.writeLong(lastHour);
        out.writeLong(Double.doubleToRawLongBits(level));
        out.writeLong(Double.doubleToRawLongBits(trend));
        out.writeLong(Double.doubleToRawLongBits(dispersion));
        for (double offset : season) {
            out.writeLong(Double.doubleToRawLongBits(offset));
        }
    }

    static HoltWinters read(Parameters parameters, CompactSerde.Input in) {
        long seen = in.readLong();
        long lastHour = in.readLong();
        double level = Double.longBitsToDouble(in.readLong());
        double trend = Double.longBitsToDouble(in.readLong());
        double dispersion = Double.longBitsToDouble(in.readLong());
        double[] season = new double[SEASON];
        for (int i = 0; i < SEASON; i++) {
            season[i] = Double.longBitsToDouble(in.readLong());
        }
        return new HoltWinters(parameters, season, level, trend, dispersion, seen, lastHour);
    }
}
