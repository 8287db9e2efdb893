package io.zoommetering.topology.output.forecast;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * The forecast's settings: its smoothing weights, how long after an hour's close the forecaster takes it, and how
 * far past stream time the forecasts reach. Defined here, part of the one settings definition (MeteringConfig).
 */
public record ForecastSettings(HoltWinters.Parameters parameters, Duration settle, Duration horizon) {

    public static final String ALPHA = "zm.forecast.alpha";
    public static final String BETA = "zm.forecast.beta";
    public static final String GAMMA = "zm.forecast.gamma";
    public static final String SPREAD_WEIGHT = "zm.forecast.spread.weight";
    public static final String SETTLE = "zm.forecast.settle";
    public static final String HORIZON = "zm.forecast.horizon";

    /** The defaults: the weights the backtest of docs/ANALYTICS.md ran with. */
    public static final HoltWinters.Parameters DEFAULT_PARAMETERS = new HoltWinters.Parameters(0.02, 0.001, 0.2, 0.02);

    /** Adds the forecast's settings to a definition. */
    public static ConfigDef define(ConfigDef def) {
        return def.define(
                        ALPHA,
                        Type.DOUBLE,
                        DEFAULT_PARAMETERS.alpha(),
                        ForecastSettings::validateWeight,
                        Importance.LOW,
                        "gold.forecast: smoothing weight of the level, in (0, 1].")
                .define(
                        BETA,
                        Type.DOUBLE,
                        DEFAULT_PARAMETERS.beta(),
                        ForecastSettings::validateWeight,
                        Importance.LOW,
                        "gold.forecast: smoothing weight of the trend, in (0, 1].")
                .define(
                        GAMMA,
                        Type.DOUBLE,
                        DEFAULT_PARAMETERS.gamma(),
                        ForecastSettings::validateWeight,
                        Importance.LOW,
                        "gold.forecast: smoothing weight of each hour of the week's seasonal offset, in (0, 1].")
                .define(
                        SPREAD_WEIGHT,
                        Type.DOUBLE,
                        DEFAULT_PARAMETERS.spreadWeight(),
                        ForecastSettings::validateWeight,
                        Importance.LOW,
                        "gold.forecast: smoothing weight of the errors' dispersion the p10/p90 come from, in (0, 1].")
                .define(
                        SETTLE,
                        Type.STRING,
                        "PT10M",
                        ForecastSettings::validateDuration,
                        Importance.LOW,
                        "gold.forecast: how long after an hour's close (its end plus zm.grace, by stream time) the "
                                + "forecaster takes the hour's total, so that FINAL rows of every combiner task are in "
                                + "(ISO-8601).")
                .define(
                        HORIZON,
                        Type.STRING,
                        "P1D",
                        ForecastSettings::validateDuration,
                        Importance.LOW,
                        "gold.forecast: how far past the stream time the hourly forecasts reach (ISO-8601); with "
                                + "zm.grace they reach past the newest closed hour by at most a week.");
    }

    /** The settings from the parsed values of a definition that {@link #define} added to. */
    public static ForecastSettings from(Map<String, ?> values) {
        return new ForecastSettings(
                new HoltWinters.Parameters(
                        (Double) values.get(ALPHA), (Double) values.get(BETA), (Double) values.get(GAMMA), (Double)
                                values.get(SPREAD_WEIGHT)),
                Duration.parse((String) values.get(SETTLE)),
                Duration.parse((String) values.get(HORIZON)));
    }

    private static void validateWeight(String name, Object value) {
        double weight = (Double) value;
        if (!(weight > 0 && weight <= 1)) {
            throw new ConfigException(name, value, "must be in (0, 1]");
        }
    }

    private static void validateDuration(String name, Object value) {
        try {
            if (Duration.parse((String) value).isNegative()) {
                throw new ConfigException(name, value, "must not be negative");
            }
        } catch (DateTimeParseException e) {
            throw new ConfigException(name, value, "not an ISO-8601 duration such as PT10M or P1D");
        }
    }
}
