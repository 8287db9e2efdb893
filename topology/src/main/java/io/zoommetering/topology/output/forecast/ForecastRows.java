package io.zoommetering.topology.output.forecast;

import io.zoommetering.avro.gold.Forecast;
import io.zoommetering.avro.gold.ForecastKey;
import io.zoommetering.topology.aggregate.Lineage;
import io.zoommetering.topology.output.FollowerRows;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * gold.forecast's current rows read back from the forecaster's store: each series' forecasts from its newest closed
 * hour, made from its stored model by {@link Forecaster#forecasts}, the formula the forecaster writes them with.
 * A series is on the partition of its store key ({@link ForecastOutput#series}) among the repartition's.
 */
final class ForecastRows implements FollowerRows {

    static final ForecastRows INSTANCE = new ForecastRows();

    private ForecastRows() {}

    @Override
    public String store() {
        return ForecastOutput.STORE;
    }

    @Override
    public String repartition() {
        return ForecastOutput.REPARTITION;
    }

    @Override
    public List<String> routingFields() {
        return List.of("stream", "plan_type");
    }

    @Override
    public String storeKey(List<Object> values) {
        return ForecastOutput.series((String) values.get(0), (String) values.get(1));
    }

    @Override
    public Optional<String> note() {
        return Optional.of("each series' forecasts from its newest closed hour (origin_hour) through the horizon;"
                + " the topic also keeps the last forecast of each hour since closed");
    }

    @Override
    public void read(ReadStores stores, String storeKey, BiConsumer<SpecificRecord, SpecificRecord> rows) {
        ForecastSettings settings = ForecastSettings.from(stores.settings());
        int horizonHours = ForecastOutput.horizonHours(stores.grace(), settings);
        Lineage lineage = stores.lineageNow();
        ReadOnlyKeyValueStore<String, SeriesState> series = stores.store(ForecastOutput.STORE);
        if (storeKey != null) {
            SeriesState state = series.get(storeKey);
            if (state != null) {
                tell(state, horizonHours, lineage, rows);
            }
            return;
        }
        try (KeyValueIterator<String, SeriesState> all = series.all()) {
            all.forEachRemaining(entry -> tell(entry.value, horizonHours, lineage, rows));
        }
    }

    /** A series' rows; an hour's load_date is the day its row was first written, which the state keeps. */
    private static void tell(
            SeriesState state, int horizonHours, Lineage lineage, BiConsumer<SpecificRecord, SpecificRecord> rows) {
        long answered = lineage.updateDate().toEpochDay();
        for (KeyValue<ForecastKey, Forecast> row : Forecaster.forecasts(
                state,
                horizonHours,
                hour -> state.loadDays.getOrDefault(hour, answered),
                lineage.updateDate(),
                lineage.sourceSystem())) {
            rows.accept(row.key, row.value);
        }
    }
}
