package io.zoommetering.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoommetering.avro.audit.ErrorType;
import io.zoommetering.avro.common.PeriodType;
import io.zoommetering.avro.gold.ActiveUsers;
import io.zoommetering.avro.gold.FeatureAdoption;
import io.zoommetering.avro.gold.FeatureAdoptionKey;
import io.zoommetering.avro.gold.MeetingMinutes;
import io.zoommetering.avro.gold.Mrr;
import io.zoommetering.avro.gold.Overage;
import io.zoommetering.avro.gold.PeriodKey;
import io.zoommetering.avro.gold.PlanMonthKey;
import io.zoommetering.avro.gold.ProductMeterKey;
import io.zoommetering.avro.gold.ProductUsageProfile;
import io.zoommetering.avro.gold.ProductUsageProfileKey;
import io.zoommetering.topology.output.activeusers.ActiveUsersOutput;
import io.zoommetering.topology.output.featureadoption.FeatureAdoptionOutput;
import io.zoommetering.topology.output.meetingminutes.MeetingMinutesOutput;
import io.zoommetering.topology.output.mrr.MrrOutput;
import io.zoommetering.topology.output.overage.OverageOutput;
import io.zoommetering.topology.output.productusageprofile.ProductUsageProfileOutput;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class MicrometerObserverTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-04T10:00:00Z"), ZoneOffset.UTC);
    private static final LocalDate TODAY = LocalDate.parse("2026-03-04");

    @Test
    void shouldCountIntakeDecisionsPerStreamAndErrorType() {
        try (AppMetrics metrics = new AppMetrics()) {
            MicrometerObserver observer =
                    new MicrometerObserver(metrics.registry(), "zoom-metering", ZoneOffset.UTC, CLOCK);

            observer.accepted("meetings", 1_500);
            observer.accepted("meetings", 500);
            observer.duplicate("meetings");
            observer.rejected("users", ErrorType.VALIDATION);

            assertThat(metrics.scrape())
                    .contains("zoom_metering_records_accepted_total{application=\"zoom-metering\","
                            + "stream=\"meetings\"} 2.0")
                    .contains("zoom_metering_records_duplicate_total{application=\"zoom-metering\","
                            + "stream=\"meetings\"} 1.0")
                    .contains("zoom_metering_records_rejected_total{application=\"zoom-metering\","
                            + "error_type=\"VALIDATION\",stream=\"users\"} 1.0")
                    .contains("zoom_metering_event_time_lag_seconds_sum{application=\"zoom-metering\","
                            + "stream=\"meetings\"} 2.0");
        }
    }

    @Test
    void shouldShowTheCurrentPeriodsKpisAsGauges() {
        try (AppMetrics metrics = new AppMetrics()) {
            // Given the rows a combiner writes, for today, this week, this month and an older day
            MicrometerObserver observer = new MicrometerObserver(metrics.registry(), "zm", ZoneOffset.UTC, CLOCK);
            observer.goldWritten(
                    ActiveUsersOutput.INSTANCE.topic(),
                    new PeriodKey(PeriodType.DAILY, TODAY),
                    new ActiveUsers(12L, TODAY, TODAY, "zoom-metering"));
            observer.goldWritten(
                    ActiveUsersOutput.INSTANCE.topic(),
                    new PeriodKey(PeriodType.DAILY, TODAY.minusDays(1)),
                    new ActiveUsers(99L, TODAY, TODAY, "zoom-metering"));
            observer.goldWritten(
                    ActiveUsersOutput.INSTANCE.topic(),
                    new PeriodKey(PeriodType.WEEKLY, LocalDate.parse("2026-03-02")),
                    new ActiveUsers(40L, TODAY, TODAY, "zoom-metering"));
            observer.goldWritten(
                    MeetingMinutesOutput.INSTANCE.topic(),
                    new PeriodKey(PeriodType.DAILY, TODAY),
                    new MeetingMinutes(300L, 10L, new BigDecimal("30.00"), null, TODAY, TODAY, "zoom-metering"));
            observer.goldWritten(
                    MrrOutput.INSTANCE.topic(),
                    new PlanMonthKey("ALL", "2026-03"),
                    new Mrr(new BigDecimal("1234.50"), 10L, new BigDecimal("123.45"), TODAY, TODAY, "zoom-metering"));
            observer.goldWritten(
                    OverageOutput.INSTANCE.topic(),
                    new ProductMeterKey("PRO", "meeting_minutes", "2026-03"),
                    new Overage(new BigDecimal("75.00"), 2L, new BigDecimal("3.75"), TODAY, TODAY, "zoom-metering"));
            observer.goldWritten(
                    FeatureAdoptionOutput.INSTANCE.topic(),
                    new FeatureAdoptionKey("CHAT", PeriodType.WEEKLY, LocalDate.parse("2026-03-02")),
                    new FeatureAdoption(new BigDecimal("62.50"), 5L, 8L, TODAY, TODAY, "zoom-metering"));
            observer.goldWritten(
                    FeatureAdoptionOutput.INSTANCE.topic(),
                    new FeatureAdoptionKey("CHAT", PeriodType.WEEKLY, LocalDate.parse("2026-02-23")),
                    new FeatureAdoption(new BigDecimal("10.00"), 1L, 10L, TODAY, TODAY, "zoom-metering"));
            // and a product's usage of Monday 9:00, a running total with no period
            observer.goldWritten(
                    ProductUsageProfileOutput.INSTANCE.topic(),
                    new ProductUsageProfileKey("PRO", "meeting_minutes", 1, 9),
                    new ProductUsageProfile(new BigDecimal("420.50"), TODAY, TODAY, "zoom-metering"));
            // and a row of today deleted again
            observer.goldWritten(MeetingMinutesOutput.INSTANCE.topic(), new PeriodKey(PeriodType.DAILY, TODAY), null);

            // Then the gauges show the current periods only, and deletions
            assertThat(metrics.scrape())
                    .contains("zoom_metering_kpi_active_users{application=\"zm\",period=\"DAILY\"} 12.0")
                    .contains("zoom_metering_kpi_active_users{application=\"zm\",period=\"WEEKLY\"} 40.0")
                    .contains("zoom_metering_kpi_active_users{application=\"zm\",period=\"MONTHLY\"} 0.0")
                    .contains("zoom_metering_kpi_meeting_minutes{application=\"zm\",period=\"DAILY\"} 0.0")
                    .contains("zoom_metering_kpi_mrr{application=\"zm\",plan=\"ALL\"} 1234.5")
                    .contains(
                            "zoom_metering_kpi_overage{application=\"zm\",meter=\"meeting_minutes\",plan=\"PRO\"} 75.0")
                    .contains(
                            "zoom_metering_kpi_feature_adoption{application=\"zm\",feature=\"CHAT\",period=\"WEEKLY\"} 62.5")
                    .contains("zoom_metering_kpi_product_usage{application=\"zm\",day_of_week=\"1\",hour=\"9\","
                            + "meter=\"meeting_minutes\",plan=\"PRO\"} 420.5")
                    .contains(
                            "zoom_metering_gold_rows_written_total{application=\"zm\",output=\"gold.active-users\"} 3.0");
        }
    }
}
