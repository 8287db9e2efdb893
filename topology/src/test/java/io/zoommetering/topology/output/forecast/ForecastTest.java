package io.zoommetering.topology.output.forecast;

import static io.zoommetering.topology.Events.serviceStatus;
import static org.assertj.core.api.Assertions.assertThat;

import io.zoommetering.avro.gold.Forecast;
import io.zoommetering.avro.gold.ForecastKey;
import io.zoommetering.avro.support.ComponentStatus;
import io.zoommetering.avro.support.ServiceStatus;
import io.zoommetering.topology.GoldDriver;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * gold.forecast through the whole topology: raw service-status records (stream service-status, plan NONE) whose
 * hourly counts follow {@link WeeklyPattern}, counted by gold.event-totals and forecast after each hour's close.
 */
class ForecastTest {

    private static final Instant MONDAY = Instant.parse("2026-03-02T00:00:00Z");
    private static final long FIRST_HOUR = MONDAY.getEpochSecond() / 3600;
    /** Processing time after every event time of these tests. */
    private static final Instant WALL_CLOCK = Instant.parse("2026-06-01T00:00:00Z");
    /** Hours after the last hour to forecast from that stream time must pass to close it: grace 24 h, settle. */
    private static final int CLOSING_HOURS = 25;

    @Test
    void shouldConvergeToAWeeklyPatternAndForecastWhatTheModelGivesForTheHourlyTotals() {
        // Given a first week 3 events an hour above the pattern (a start the model must unlearn), then two weeks of
        // the pattern
        int weeks = 3;
        List<List<ServiceStatus>> hours = new ArrayList<>();
        long[] totals = new long[weeks * HoltWinters.SEASON + CLOSING_HOURS];
        for (int i = 0; i < totals.length; i++) {
            long hour = FIRST_HOUR + i;
            totals[i] = WeeklyPattern.at(hour) + (i < HoltWinters.SEASON ? 3L : 0L);
            hours.add(hour(hour, totals[i]));
        }
        Map<ForecastKey, Forecast> table = forecasts(hours);
        // When the forecast is read from the newest closed hour: the end of the third week
        TreeMap<Long, Forecast> newest = newestForecasts(table, "service-status", "NONE");
        long origin = newest.firstEntry().getValue().getOriginHour().getEpochSecond() / 3600;
        assertThat(origin).isEqualTo(FIRST_HOUR + weeks * HoltWinters.SEASON - 1);
        // Then it reaches through the next day past stream time: the 24 h grace, the settle time, a day
        assertThat(newest).hasSize(50);
        // and the next day lies within one event of the pattern: the start's error of 3 decays week by week
        // (measured with the default weights: at most 0.61 after one week of the pattern, 0.53 after two); a week
        // shifted by an hour would
        // be off by 6 at 08:00 and 18:00

        for (int horizon = 1; horizon <= 24; horizon++) {
            assertThat(newest.get(origin + horizon).getExpectedEvents())
                    .as("hour +%d", horizon)
                    .isCloseTo(WeeklyPattern.at(origin + horizon), org.assertj.core.data.Offset.offset(1.0));
        }
        // and every forecast is the model's own, fed the hourly totals once each, in order: the batch reference
        HoltWinters reference = new HoltWinters(ForecastSettings.DEFAULT_PARAMETERS);
        for (long hour = FIRST_HOUR; hour <= origin; hour++) {
            reference.update(hour, totals[(int) (hour - FIRST_HOUR)]);
        }
        newest.forEach((hour, forecast) -> {
            HoltWinters.Prediction expected = reference.predict((int) (hour - origin));
            assertThat(forecast.getExpectedEvents()).isEqualTo(expected.expected());
            assertThat(forecast.getP10Events()).isEqualTo(expected.p10());
            assertThat(forecast.getP90Events()).isEqualTo(expected.p90());
            assertThat(forecast.getHorizonHours()).isEqualTo((int) (hour - origin));
        });
    }

    @Test
    void shouldForecastTheSameWhetherOrNotDuplicatesAndLateRecordsArrive() {
        // Given two days and the closing hours of the pattern
        List<List<ServiceStatus>> records = new ArrayList<>();
        for (long hour = FIRST_HOUR; hour < FIRST_HOUR + 48 + CLOSING_HOURS; hour++) {
            records.add(hour(hour, WeeklyPattern.at(hour)));
        }
        // and the same with every third record sent twice and a late record (two days behind) after every fifth
        List<List<ServiceStatus>> noisy = new ArrayList<>();
        for (List<ServiceStatus> hour : records) {
            List<ServiceStatus> sent = new ArrayList<>();
            for (int i = 0; i < hour.size(); i++) {
                ServiceStatus record = hour.get(i);
                sent.add(record);
                if (i % 3 == 0) {
                    sent.add(record);
                }
                if (i % 5 == 4) {
                    sent.add(serviceStatus(
                            "api", ComponentStatus.UP, record.getEventTime().minus(Duration.ofDays(2))));
                }
            }
            noisy.add(sent);
        }
        // Then both give the same forecasts, rows of the model's start included
        Map<ForecastKey, Forecast> clean = forecasts(records);
        assertThat(clean).isNotEmpty();
        assertThat(forecasts(noisy)).isEqualTo(clean);
    }

    /**
     * The forecasts after the hours' records, each hour followed by an emit interval of wall-clock time (the
     * account tasks ship their partials to the combiner every interval, as they do while records flow).
     */
    private static Map<ForecastKey, Forecast> forecasts(List<List<ServiceStatus>> hours) {
        try (GoldDriver driver = new GoldDriver(Map.of(), WALL_CLOCK)) {
            for (List<ServiceStatus> hour : hours) {
                hour.forEach(record -> driver.send(driver.topics().serviceStatus, "api", record));
                driver.flush();
            }
            return driver.table(driver.topics().output(ForecastOutput.INSTANCE));
        }
    }

    /** The forecasts from the newest origin of the series, by epoch hour. */
    static TreeMap<Long, Forecast> newestForecasts(Map<ForecastKey, Forecast> table, String stream, String plan) {
        Instant origin = table.entrySet().stream()
                .filter(entry -> entry.getKey().getStream().equals(stream)
                        && entry.getKey().getPlanType().equals(plan))
                .map(entry -> entry.getValue().getOriginHour())
                .max(Comparator.naturalOrder())
                .orElseThrow();
        TreeMap<Long, Forecast> newest = new TreeMap<>();
        table.forEach((key, forecast) -> {
            if (key.getStream().equals(stream)
                    && key.getPlanType().equals(plan)
                    && forecast.getOriginHour().equals(origin)) {
                newest.put(key.getHour().getEpochSecond() / 3600, forecast);
            }
        });
        return newest;
    }

    /** {@code count} status records spread over the hour. */
    static List<ServiceStatus> hour(long epochHour, long count) {
        List<ServiceStatus> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Instant at = Instant.ofEpochSecond(epochHour * 3600 + i * 3600L / count);
            records.add(serviceStatus("api", i % 2 == 0 ? ComponentStatus.UP : ComponentStatus.DEGRADED, at));
        }
        return records;
    }
}
