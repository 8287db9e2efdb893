package io.zoommetering.topology.output.forecast;

import io.zoommetering.avro.common.PeriodType;
import io.zoommetering.avro.gold.EventTotalsKey;
import io.zoommetering.avro.gold.Forecast;
import io.zoommetering.avro.gold.ForecastKey;
import io.zoommetering.avro.internal.SeriesHour;
import io.zoommetering.topology.aggregate.GoldRecord;
import io.zoommetering.topology.output.FollowerRows;
import io.zoommetering.topology.output.GoldOutput;
import io.zoommetering.topology.output.RowsFollower;
import io.zoommetering.topology.output.eventtotals.EventTotalsOutput;
import io.zoommetering.topology.topics.OutputTable;
import io.zoommetering.topology.topics.TopicSetting;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * gold.forecast: per series of gold.event-totals (stream, plan), the expected HOURLY event count of each hour from
 * the newest closed one through {@code zm.forecast.horizon} past stream time, with a p10-p90 interval, rewritten as
 * each hour closes. The series' totals exist only once the combiner has summed the tasks' partials, so the forecast
 * follows gold.event-totals' rows ({@link RowsFollower}): they are repartitioned by series to a {@link Forecaster},
 * whose store of the series' models is where the query API reads the current forecasts ({@link ForecastRows}).
 */
public final class ForecastOutput implements OutputTable<ForecastKey, Forecast>, RowsFollower {

    public static final ForecastOutput INSTANCE = new ForecastOutput();
    public static final GoldOutput OUTPUT = GoldOutput.following(INSTANCE, INSTANCE);

    static final String STORE = "forecast-series";
    /** The repartition by series, whose partitions are the store's. */
    static final String REPARTITION = "forecast-hours";

    private static final TopicSetting TOPIC = new TopicSetting(
            "forecast", "gold.forecast", "of the next day's hourly event totals per stream and plan, forecast");

    private ForecastOutput() {}

    @Override
    public TopicSetting topic() {
        return TOPIC;
    }

    @Override
    public Class<ForecastKey> keyType() {
        return ForecastKey.class;
    }

    @Override
    public Class<Forecast> valueType() {
        return Forecast.class;
    }

    @Override
    public OutputTable<?, ?> source() {
        return EventTotalsOutput.INSTANCE;
    }

    @Override
    public KStream<String, GoldRecord> follow(KStream<String, GoldRecord> sourceRows, Context context) {
        ForecastSettings settings = ForecastSettings.from(context.settings());
        int horizonHours = horizonHours(context.grace(), settings);
        StoreBuilder<KeyValueStore<String, SeriesState>> store = Stores.keyValueStoreBuilder(
                context.stores().keyValue(STORE), Serdes.String(), SeriesState.serde(settings.parameters()));
        return sourceRows
                .filter(
                        (key, row) -> ((EventTotalsKey) row.key()).getPeriod() == PeriodType.HOURLY,
                        Named.as("forecast-hourly-totals"))
                .map(
                        (key, row) -> {
                            EventTotalsKey totals = (EventTotalsKey) row.key();
                            return KeyValue.pair(
                                    series(totals.getStream(), totals.getPlanType()),
                                    new SeriesHour(
                                            totals.getStream(),
                                            totals.getPlanType(),
                                            totals.getBucketStart().toEpochMilli(),
                                            eventCount(row.value())));
                        },
                        Named.as("forecast-series-hours"))
                .repartition(
                        Repartitioned.with(Serdes.String(), context.serdes().forValues(SeriesHour.class))
                                .withName(REPARTITION))
                .process(
                        new ProcessorSupplier<String, SeriesHour, String, GoldRecord>() {
                            @Override
                            public Processor<String, SeriesHour, String, GoldRecord> get() {
                                return new Forecaster(
                                        settings,
                                        context.grace(),
                                        horizonHours,
                                        context.periods(),
                                        context.sourceSystem());
                            }

                            @Override
                            public Set<StoreBuilder<?>> stores() {
                                return Set.of(store);
                            }
                        },
                        Named.as("forecaster"));
    }

    @Override
    public Optional<FollowerRows> rows() {
        return Optional.of(ForecastRows.INSTANCE);
    }

    /**
     * Hours after the newest closed hour that reach {@code horizon} past stream time: the closed hour lags stream
     * time by the grace period, the settle time and the hour itself.
     *
     * @throws IllegalArgumentException when that is more than a season (the model forecasts within one week)
     */
    static int horizonHours(Duration grace, ForecastSettings settings) {
        long hours = ceilHours(grace.plus(settings.settle()).plus(settings.horizon())) + 1;
        if (hours > HoltWinters.SEASON) {
            throw new IllegalArgumentException(
                    "zm.grace + " + ForecastSettings.SETTLE + " + " + ForecastSettings.HORIZON
                            + " reach " + hours + " hours past the newest closed hour; the forecast reaches at most "
                            + HoltWinters.SEASON);
        }
        return (int) hours;
    }

    private static long ceilHours(Duration duration) {
        return (duration.toMillis() + Forecaster.HOUR_MS - 1) / Forecaster.HOUR_MS;
    }

    /** The partition and store key of a series. */
    static String series(String stream, String plan) {
        return stream + '\u001f' + plan;
    }

    /** gold.event-totals' count, read by the contract's field name as any sink would; 0 for a withdrawn row. */
    private static long eventCount(SpecificRecord value) {
        return value == null
                ? 0
                : ((Number) value.get(value.getSchema().getField("event_count").pos())).longValue();
    }
}
