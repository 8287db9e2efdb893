package io.zoommetering.topology.output.forecast;

import io.zoommetering.avro.gold.Forecast;
import io.zoommetering.avro.gold.ForecastKey;
import io.zoommetering.avro.internal.SeriesHour;
import io.zoommetering.topology.aggregate.GoldRecord;
import io.zoommetering.topology.time.Periods;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongUnaryOperator;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the model of each series (stream, plan) of its partitions and feeds it each hour once, when the newest hour
 * heard (by event time, of any series of its partitions) passes the hour's end plus the grace period plus the
 * settle time: the hour's latest total (a repeated or restated total before then replaces the one heard; an hour
 * never heard counts 0). After a close it writes the forecasts of the hours from the newest closed one through the
 * horizon, within {@link #WRITE_INTERVAL}. A total heard for an hour already
 * consumed is a restatement: the model has had the hour and does not take it again (docs/SEMANTICS.md).
 */
final class Forecaster implements Processor<String, SeriesHour, String, GoldRecord> {

    static final long HOUR_MS = Duration.ofHours(1).toMillis();
    /**
     * How often, by the wall clock, the series closed since the last write get their forecasts written: once per
     * close when hours close an hour apart (live traffic), once per burst when a backfill closes hundreds at once
     * (50 rows per series and close would otherwise be written for every hour of the history).
     */
    static final Duration WRITE_INTERVAL = Duration.ofMillis(100);

    private final ForecastSettings settings;
    private final Duration grace;
    private final int horizonHours;
    private final Periods periods;
    private final String sourceSystem;

    private ProcessorContext<String, GoldRecord> context;
    private KeyValueStore<String, SeriesState> series;
    /**
     * The clock hours close by: the end of the newest hour heard of any series of the partitions, that is the event
     * time of the totals, as the whole project judges lateness (not the rows' record timestamps, which a backfill
     * produced now would put days after the hours it fills). Restored from the stores after a restart.
     */
    private long heardThroughMs = Long.MIN_VALUE;
    /** The newest hour every series of the store was closed through (by this instance: redone after a restart). */
    private long allClosedThrough = Long.MIN_VALUE;
    /** The series closed since the forecasts were last written (all of them after a restart). */
    private final Set<String> unwritten = new LinkedHashSet<>();

    Forecaster(ForecastSettings settings, Duration grace, int horizonHours, Periods periods, String sourceSystem) {
        this.settings = settings;
        this.grace = grace;
        this.horizonHours = horizonHours;
        this.periods = periods;
        this.sourceSystem = sourceSystem;
    }

    @Override
    public void init(ProcessorContext<String, GoldRecord> context) {
        this.context = context;
        this.series = context.getStateStore(ForecastOutput.STORE);
        try (KeyValueIterator<String, SeriesState> states = series.all()) {
            states.forEachRemaining(entry -> {
                heardThroughMs = Math.max(heardThroughMs, (entry.value.newestHeard() + 1) * HOUR_MS);
                // Closes consumed before a crash may have been committed without their forecasts: write all again.
                unwritten.add(entry.key);
            });
        }
        context.schedule(WRITE_INTERVAL, PunctuationType.WALL_CLOCK_TIME, now -> writeUnwritten());
    }

    @Override
    public void process(Record<String, SeriesHour> record) {
        SeriesHour total = record.value();
        long hour = Math.floorDiv(total.getHourStart(), HOUR_MS);
        SeriesState state = series.get(record.key());
        if (state == null) {
            state = SeriesState.first(total.getStream(), total.getPlanType(), hour, settings.parameters());
        }
        heardThroughMs = Math.max(heardThroughMs, (hour + 1) * HOUR_MS);
        long closedThrough = closedThrough(heardThroughMs);
        if (state.hear(hour, total.getEvents())) {
            if (state.consumeThrough(closedThrough)) {
                unwritten.add(record.key());
            }
            series.put(record.key(), state);
        }
        if (closedThrough > allClosedThrough) {
            // Once per hour heard: the series that heard nothing of late close their hours too.
            allClosedThrough = closedThrough;
            List<KeyValue<String, SeriesState>> all = new ArrayList<>();
            try (KeyValueIterator<String, SeriesState> states = series.all()) {
                states.forEachRemaining(all::add);
            }
            for (KeyValue<String, SeriesState> entry : all) {
                if (entry.value.consumeThrough(closedThrough)) {
                    unwritten.add(entry.key);
                    series.put(entry.key, entry.value);
                }
            }
        }
    }

    /** The newest hour whose end plus grace plus settle time the newest hour heard has reached. */
    private long closedThrough(long heardThrough) {
        return Math.floorDiv(heardThrough - grace.toMillis() - settings.settle().toMillis(), HOUR_MS) - 1;
    }

    /** Each series closed since the last write, forecast from its newest consumed hour. */
    private void writeUnwritten() {
        for (String key : unwritten) {
            SeriesState state = series.get(key);
            if (state != null) {
                writeForecasts(state);
                series.put(key, state);
            }
        }
        unwritten.clear();
    }

    /** The forecasts from the newest consumed hour. */
    private void writeForecasts(SeriesState state) {
        long today = periods.date(Instant.ofEpochMilli(context.currentSystemTimeMs()))
                .toEpochDay();
        String name = ForecastOutput.INSTANCE.topic().configName();
        for (KeyValue<ForecastKey, Forecast> row : forecasts(
                state,
                horizonHours,
                hour -> state.loadDays.computeIfAbsent(hour, any -> today),
                LocalDate.ofEpochDay(today),
                sourceSystem)) {
            context.forward(new Record<>(
                    name, new GoldRecord(name, row.key, row.value), Math.max(0, context.currentStreamTimeMs())));
        }
    }

    /**
     * The forecast rows of a series from its newest consumed hour through the horizon, none before its model is
     * ready: what the forecaster writes after a close, and what the query API reads back from the store
     * ({@link ForecastRows}).
     *
     * @param loadDay the epoch day of a forecast hour's load_date, from the epoch hour
     */
    static List<KeyValue<ForecastKey, Forecast>> forecasts(
            SeriesState state, int horizonHours, LongUnaryOperator loadDay, LocalDate updateDate, String sourceSystem) {
        HoltWinters model = state.model;
        if (!model.isReady()) {
            return List.of();
        }
        long origin = model.lastHour();
        List<KeyValue<ForecastKey, Forecast>> rows = new ArrayList<>(horizonHours);
        for (int horizon = 1; horizon <= horizonHours; horizon++) {
            long hour = origin + horizon;
            HoltWinters.Prediction prediction = model.predict(horizon);
            ForecastKey key = new ForecastKey(state.stream, state.plan, Instant.ofEpochMilli(hour * HOUR_MS));
            Forecast value = new Forecast(
                    prediction.expected(),
                    prediction.p10(),
                    prediction.p90(),
                    Instant.ofEpochMilli(origin * HOUR_MS),
                    horizon,
                    LocalDate.ofEpochDay(loadDay.applyAsLong(hour)),
                    updateDate,
                    sourceSystem);
            rows.add(KeyValue.pair(key, value));
        }
        return rows;
    }
}
