package io.zoommetering.topology.output.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoommetering.avro.gold.Forecast;
import io.zoommetering.avro.gold.ForecastKey;
import io.zoommetering.topology.GoldDriver;
import io.zoommetering.topology.aggregate.Lineage;
import io.zoommetering.topology.config.MeteringConfig;
import io.zoommetering.topology.output.FollowerRows;
import io.zoommetering.topology.registry.OutputRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What interactive queries read back from the forecaster's store is gold.forecast's latest rows of each series,
 * those from its newest closed hour, on the weekly pattern of {@link ForecastTest}: during the model's first week
 * and after it, in memory and on RocksDB, the listing and the series read by its store key.
 */
class ForecastRowsTest {

    private static final Instant MONDAY = Instant.parse("2026-03-02T00:00:00Z");
    private static final long FIRST_HOUR = MONDAY.getEpochSecond() / 3600;
    private static final Instant WALL_CLOCK = Instant.parse("2026-06-01T00:00:00Z");
    private static final LocalDate ANSWERED = LocalDate.of(2030, 1, 1);

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"IN_MEMORY", "PERSISTENT"})
    void shouldReadTheLatestForecastsOfEachSeriesFromTheStore(String kind) {
        FollowerRows rows = OutputRegistry.all().outputs().stream()
                .filter(output -> output.name().equals("forecast"))
                .findFirst()
                .orElseThrow()
                .follower()
                .orElseThrow()
                .rows()
                .orElseThrow();
        try (GoldDriver driver = new GoldDriver(Map.of(MeteringConfig.STATE_STORES, kind), WALL_CLOCK)) {
            FollowerRows.ReadStores stores = new FollowerRows.ReadStores() {
                @Override
                public <K, V> ReadOnlyKeyValueStore<K, V> store(String name) {
                    return driver.keyValueStore(name);
                }

                @Override
                public Map<String, ?> settings() {
                    return driver.config().values();
                }

                @Override
                public Duration grace() {
                    return driver.config().grace();
                }

                @Override
                public Lineage lineageNow() {
                    return new Lineage(ANSWERED, ANSWERED, driver.config().sourceSystem());
                }
            };
            long hour = FIRST_HOUR;
            // Given two days of the pattern and the hours that close them (the model forecasts from its first
            // week's days), then a day past the first week (from its level, trend and season)
            for (long through : new long[] {FIRST_HOUR + 48 + 25, FIRST_HOUR + HoltWinters.SEASON + 24 + 25}) {
                for (; hour < through; hour++) {
                    ForecastTest.hour(hour, WeeklyPattern.at(hour))
                            .forEach(record -> driver.send(driver.topics().serviceStatus, "api", record));
                    driver.flush();
                }
                // When the store's rows are read, all of them and the series' by its key
                Map<ForecastKey, Forecast> table = driver.table(driver.topics().output(ForecastOutput.INSTANCE));
                Map<SpecificRecord, Map<String, Object>> read = new HashMap<>();
                rows.read(stores, null, (key, value) -> {
                    assertThat(value.get(
                                    value.getSchema().getField("update_date").pos()))
                            .as("update_date is the day of the answer")
                            .isEqualTo(ANSWERED);
                    assertThat(read.put(key, withoutUpdateDate(value)))
                            .as("%s read once", key)
                            .isNull();
                });
                Map<SpecificRecord, Map<String, Object>> ofSeries = new HashMap<>();
                rows.read(
                        stores,
                        rows.storeKey(List.of("service-status", "NONE")),
                        (key, value) -> ofSeries.put(key, withoutUpdateDate(value)));
                // Then they are the latest rows written: those from the newest origin, 50 hours ahead
                TreeMap<Long, Forecast> newest = ForecastTest.newestForecasts(table, "service-status", "NONE");
                assertThat(newest).hasSize(50);
                Map<SpecificRecord, Map<String, Object>> written = new HashMap<>();
                newest.forEach((epochHour, forecast) -> written.put(
                        new ForecastKey("service-status", "NONE", Instant.ofEpochSecond(epochHour * 3600)),
                        withoutUpdateDate(forecast)));
                assertThat(read).as("through hour %d", hour).isEqualTo(written);
                assertThat(ofSeries).isEqualTo(written);
            }
            Map<SpecificRecord, SpecificRecord> none = new HashMap<>();
            rows.read(stores, rows.storeKey(List.of("meetings", "PRO")), none::put);
            assertThat(none).as("rows of a series without any").isEmpty();
        }
    }

    private static Map<String, Object> withoutUpdateDate(SpecificRecord value) {
        Map<String, Object> fields = new HashMap<>();
        for (Schema.Field field : value.getSchema().getFields()) {
            if (!field.name().equals("update_date")) {
                fields.put(field.name(), value.get(field.pos()));
            }
        }
        return fields;
    }
}
