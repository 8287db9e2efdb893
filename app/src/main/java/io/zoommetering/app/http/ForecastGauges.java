package io.zoommetering.app.http;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.zoommetering.avro.common.PeriodType;
import io.zoommetering.avro.gold.EventTotals;
import io.zoommetering.avro.gold.EventTotalsKey;
import io.zoommetering.avro.gold.Forecast;
import io.zoommetering.avro.gold.ForecastKey;
import io.zoommetering.topology.time.Periods;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;
import org.apache.avro.specific.SpecificRecord;

/**
 * The forecast against what happened, per series of gold.event-totals (stream and plan), for the last closed hour
 * at scrape time: {@code zoom_metering_kpi_forecast_events{bound="expected"|"p10"|"p90"}} is the newest forecast of
 * that hour (an hour is forecast once its series' hours close, after the 24 h grace: about a day ahead), {@code
 * zoom_metering_kpi_hour_events} its HOURLY event count. Charted over time, the two are the forecast against the
 * actual hour by hour. Only hours near the clock are kept (a backfill's history is not), so the maps stay small
 * however long the process runs.
 */
final class ForecastGauges {

    /** The hours kept: a few behind the clock, and as far ahead as forecasts reach (a day past stream time). */
    private static final Duration KEPT_BEHIND = Duration.ofHours(3);

    private static final Duration KEPT_AHEAD = Duration.ofHours(26);

    /** The figures of a forecast row, by the value of the gauge's bound tag. */
    private static final Map<String, ToDoubleFunction<Forecast>> BOUNDS = Map.of(
            "expected", Forecast::getExpectedEvents, "p10", Forecast::getP10Events, "p90", Forecast::getP90Events);

    private final MeterRegistry registry;
    private final String application;
    private final Periods periods;
    private final Clock clock;
    private final Map<HourOfSeries, Forecast> forecasts = new ConcurrentHashMap<>();
    private final Map<HourOfSeries, Long> actuals = new ConcurrentHashMap<>();
    private final Set<Series> registered = ConcurrentHashMap.newKeySet();
    private volatile Instant prunedAt = Instant.EPOCH;

    ForecastGauges(MeterRegistry registry, String application, Periods periods, Clock clock) {
        this.registry = registry;
        this.application = application;
        this.periods = periods;
        this.clock = clock;
    }

    /** A forecast row: kept for its hour. Forecast rows are never deleted (an hour's forecast is only restated). */
    void forecast(SpecificRecord key, SpecificRecord value) {
        ForecastKey forecastKey = (ForecastKey) key;
        Series series = new Series(forecastKey.getStream(), forecastKey.getPlanType());
        if (value != null && isNearNow(forecastKey.getHour())) {
            forecasts.put(new HourOfSeries(series, forecastKey.getHour()), (Forecast) value);
            register(series);
        }
    }

    /** An event-totals row: an HOURLY one near the clock is the actual a forecast is charted against. */
    void eventTotals(SpecificRecord key, SpecificRecord value) {
        EventTotalsKey totalsKey = (EventTotalsKey) key;
        if (totalsKey.getPeriod() != PeriodType.HOURLY || !isNearNow(totalsKey.getBucketStart())) {
            return;
        }
        HourOfSeries slot = new HourOfSeries(
                new Series(totalsKey.getStream(), totalsKey.getPlanType()), totalsKey.getBucketStart());
        if (value == null) {
            actuals.remove(slot);
        } else {
            actuals.put(slot, ((EventTotals) value).getEventCount());
        }
    }

    private void register(Series series) {
        if (!registered.add(series)) {
            return;
        }
        BOUNDS.forEach((bound, figure) -> Gauge.builder("zoom.metering.kpi.forecast.events", () -> {
                    Forecast forecast = forecasts.get(new HourOfSeries(series, lastClosedHour()));
                    return forecast == null ? 0 : figure.applyAsDouble(forecast);
                })
                .description("Forecast event count of the last closed hour (gold.forecast), per stream and plan")
                .tags("application", application, "stream", series.stream(), "plan", series.plan(), "bound", bound)
                .register(registry));
        Gauge.builder("zoom.metering.kpi.hour.events", () -> {
                    Long actual = actuals.get(new HourOfSeries(series, lastClosedHour()));
                    return actual == null ? 0 : actual;
                })
                .description("Accepted events of the last closed hour (gold.event-totals HOURLY), per stream and plan")
                .tags("application", application, "stream", series.stream(), "plan", series.plan())
                .register(registry);
    }

    private Instant lastClosedHour() {
        return periods.bucketStart(PeriodType.HOURLY, clock.instant()).minus(Duration.ofHours(1));
    }

    private boolean isNearNow(Instant hour) {
        Instant now = clock.instant();
        pruneOncePerHour(now);
        return !hour.isBefore(now.minus(KEPT_BEHIND)) && hour.isBefore(now.plus(KEPT_AHEAD));
    }

    private void pruneOncePerHour(Instant now) {
        if (Duration.between(prunedAt, now).compareTo(Duration.ofHours(1)) < 0) {
            return;
        }
        prunedAt = now;
        Instant oldest = now.minus(KEPT_BEHIND);
        forecasts.keySet().removeIf(slot -> slot.hour().isBefore(oldest));
        actuals.keySet().removeIf(slot -> slot.hour().isBefore(oldest));
    }

    /** One series of gold.event-totals and gold.forecast. */
    private record Series(String stream, String plan) {}

    private record HourOfSeries(Series series, Instant hour) {}
}
