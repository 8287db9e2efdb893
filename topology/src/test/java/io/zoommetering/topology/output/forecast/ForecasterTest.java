package io.zoommetering.topology.output.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoommetering.avro.common.PeriodType;
import io.zoommetering.avro.gold.EventTotals;
import io.zoommetering.avro.gold.EventTotalsKey;
import io.zoommetering.avro.gold.Forecast;
import io.zoommetering.avro.gold.ForecastKey;
import io.zoommetering.serdes.registry.InMemorySchemaRegistry;
import io.zoommetering.topology.aggregate.GoldRecord;
import io.zoommetering.topology.config.MeteringConfig;
import io.zoommetering.topology.output.RowsFollower;
import io.zoommetering.topology.state.StoreSuppliers;
import io.zoommetering.topology.time.Periods;
import io.zoommetering.topology.topics.RegistryAvroSerdes;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.serialization.LongSerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.Test;

/**
 * The forecaster alone, fed gold.event-totals rows as the combiner writes them (absolute counts, repeated on every
 * change in EVERY_UPDATE mode, a tombstone when a row is withdrawn, a restatement after the close): each hour
 * reaches the model once, with its latest count before the close.
 */
class ForecasterTest {

    private static final Instant MONDAY = Instant.parse("2026-03-02T00:00:00Z");
    private static final long FIRST_HOUR = MONDAY.getEpochSecond() / 3600;
    private static final Duration CLOSE = Duration.ofHours(24).plus(Duration.ofMinutes(10));

    @Test
    void shouldFeedEachHourItsLatestCountOnceWithGapsAsZero() {
        try (Rows rows = new Rows()) {
            // Given a series' counts for 30 hours, each first sent too low and then corrected, hours 5 to 7
            // withdrawn (a tombstone) or never sent
            for (long hour = FIRST_HOUR; hour < FIRST_HOUR + 30; hour++) {
                rows.send("meetings", "PRO", hour, 1L, hour);
                rows.send("meetings", "PRO", hour, count(hour), hour);
            }
            rows.send("meetings", "PRO", FIRST_HOUR + 5, null, FIRST_HOUR + 30);
            // When the forecaster's clock closes hour 29 (its end plus grace plus settle)
            rows.advanceTo(FIRST_HOUR + 30, "BASIC");
            // Then the forecasts are those of the model fed each hour's latest count once, 0 where none is left
            HoltWinters reference = new HoltWinters(ForecastSettings.DEFAULT_PARAMETERS);
            for (long hour = FIRST_HOUR; hour < FIRST_HOUR + 30; hour++) {
                reference.update(hour, hour == FIRST_HOUR + 5 ? 0 : count(hour));
            }
            Map<Long, Forecast> newest = rows.newest("meetings", "PRO");
            assertThat(newest).hasSize(50);
            newest.forEach((hour, forecast) -> assertThat(forecast.getExpectedEvents())
                    .isEqualTo(reference
                            .predict((int) (hour - reference.lastHour()))
                            .expected()));
        }
    }

    @Test
    void shouldNotFeedTheModelARestatementOfAClosedHour() {
        Map<Long, Forecast> restated;
        Map<Long, Forecast> plain;
        try (Rows rows = new Rows()) {
            // Given 30 hours of a series, closed through hour 29
            thirtyHours(rows);
            rows.advanceTo(FIRST_HOUR + 30, "BASIC");
            // When hour 10 is restated (a correction after its close) and the next hour closes
            rows.send("meetings", "PRO", FIRST_HOUR + 10, 500L, FIRST_HOUR + 30);
            rows.send("meetings", "PRO", FIRST_HOUR + 30, count(FIRST_HOUR + 30), FIRST_HOUR + 30);
            rows.advanceTo(FIRST_HOUR + 31, "BASIC");
            restated = rows.newest("meetings", "PRO");
        }
        try (Rows rows = new Rows()) {
            thirtyHours(rows);
            rows.advanceTo(FIRST_HOUR + 30, "BASIC");
            rows.send("meetings", "PRO", FIRST_HOUR + 30, count(FIRST_HOUR + 30), FIRST_HOUR + 30);
            rows.advanceTo(FIRST_HOUR + 31, "BASIC");
            plain = rows.newest("meetings", "PRO");
        }
        // Then the forecasts from hour 30 are those of the run without the restatement: hour 10 counted once
        assertThat(restated.values().iterator().next().getOriginHour())
                .isEqualTo(Instant.ofEpochSecond((FIRST_HOUR + 30) * 3600));
        assertThat(restated).isEqualTo(plain);
    }

    @Test
    void shouldCloseHoursByTheirOwnTimeNotByTheRowsTimestamps() {
        Map<Long, Forecast> backfilled;
        Map<Long, Forecast> live;
        try (Rows rows = new Rows()) {
            // Given a backfill: the rows of 30 hours all written a month later (their record timestamps), as when
            // a history is produced now
            for (long hour = FIRST_HOUR; hour < FIRST_HOUR + 30; hour++) {
                rows.send("meetings", "PRO", hour, count(hour), FIRST_HOUR + 30 * 24);
            }
            rows.advanceTo(FIRST_HOUR + 30, "BASIC");
            backfilled = rows.newest("meetings", "PRO");
        }
        try (Rows rows = new Rows()) {
            thirtyHours(rows);
            rows.advanceTo(FIRST_HOUR + 30, "BASIC");
            live = rows.newest("meetings", "PRO");
        }
        // Then every hour reached the model with its count, as when the rows came hour by hour
        assertThat(backfilled).isEqualTo(live);
        assertThat(backfilled.values().iterator().next().getOriginHour())
                .isEqualTo(Instant.ofEpochSecond((FIRST_HOUR + 29) * 3600));
    }

    private static void thirtyHours(Rows rows) {
        for (long hour = FIRST_HOUR; hour < FIRST_HOUR + 30; hour++) {
            rows.send("meetings", "PRO", hour, count(hour), hour);
        }
    }

    private static long count(long hour) {
        return WeeklyPattern.at(hour) * 3L;
    }

    /** A topology of the forecaster alone: gold.event-totals HOURLY rows in, gold.forecast rows out. */
    private static final class Rows implements AutoCloseable {

        private final String scope = "forecaster-" + UUID.randomUUID();
        private final TopologyTestDriver driver;
        private final TestInputTopic<String, Long> input;
        private final RegistryAvroSerdes serdes = RegistryAvroSerdes.of(InMemorySchemaRegistry.forScope(scope));
        private final Map<ForecastKey, Forecast> table = new LinkedHashMap<>();

        Rows() {
            MeteringConfig config = new MeteringConfig(Map.of(MeteringConfig.STATE_STORES, "IN_MEMORY"));
            StreamsBuilder builder = new StreamsBuilder();
            KStream<String, GoldRecord> sourceRows = builder.stream(
                            "rows", Consumed.with(Serdes.String(), Serdes.Long()))
                    .map((key, count) -> {
                        String[] parts = key.split("/");
                        EventTotalsKey totals =
                                new EventTotalsKey(parts[0], parts[1], PeriodType.HOURLY, Instant.parse(parts[2]));
                        LocalDate day = LocalDate.of(2026, 3, 10);
                        return KeyValue.pair(
                                key,
                                new GoldRecord(
                                        "event-totals",
                                        totals,
                                        count == null ? null : new EventTotals(count, day, day, "test")));
                    });
            RowsFollower.Context context = new RowsFollower.Context(
                    serdes,
                    new StoreSuppliers(StoreSuppliers.Kind.IN_MEMORY),
                    new Periods(ZoneOffset.UTC),
                    config.grace(),
                    "zoom-metering",
                    config.values());
            ForecastOutput.INSTANCE
                    .follow(sourceRows, context)
                    .map((key, row) -> KeyValue.pair((ForecastKey) row.key(), (Forecast) row.value()))
                    .to(
                            "forecasts",
                            Produced.with(serdes.forKeys(ForecastKey.class), serdes.forValues(Forecast.class)));
            Properties props = new Properties();
            props.put(StreamsConfig.APPLICATION_ID_CONFIG, "forecaster-test");
            props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
            driver = new TopologyTestDriver(builder.build(), props, Instant.parse("2026-06-01T00:00:00Z"));
            input = driver.createInputTopic("rows", new StringSerializer(), new LongSerializer());
        }

        /** A row of the series' hour, written when stream time was {@code atHour}'s end. */
        void send(String stream, String plan, long hour, Long count, long atHour) {
            input.pipeInput(
                    stream + "/" + plan + "/" + Instant.ofEpochSecond(hour * 3600),
                    count,
                    Instant.ofEpochSecond((atHour + 1) * 3600 - 1));
        }

        /**
         * Moves the forecaster's clock (the newest hour heard) past the close of the hour before {@code hour}, with a
         * row of another series for the hour that close falls in.
         */
        void advanceTo(long hour, String otherPlan) {
            Instant close = Instant.ofEpochSecond(hour * 3600).plus(CLOSE);
            input.pipeInput("meetings/" + otherPlan + "/" + close.truncatedTo(ChronoUnit.HOURS), 1L, close);
        }

        Map<Long, Forecast> newest(String stream, String plan) {
            driver.advanceWallClockTime(Forecaster.WRITE_INTERVAL);
            driver.createOutputTopic(
                            "forecasts",
                            serdes.forKeys(ForecastKey.class).deserializer(),
                            serdes.forValues(Forecast.class).deserializer())
                    .readKeyValuesToList()
                    .forEach(record -> table.put(record.key, record.value));
            return ForecastTest.newestForecasts(table, stream, plan);
        }

        @Override
        public void close() {
            driver.close();
            InMemorySchemaRegistry.dropScope(scope);
        }
    }
}
