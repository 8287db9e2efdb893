package io.zoommetering.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoommetering.avro.common.PeriodType;
import io.zoommetering.avro.gold.ChurnRisk;
import io.zoommetering.avro.gold.ChurnRiskKey;
import io.zoommetering.avro.gold.ChurnRiskReason;
import io.zoommetering.avro.gold.EventTotals;
import io.zoommetering.avro.gold.EventTotalsKey;
import io.zoommetering.avro.gold.Forecast;
import io.zoommetering.avro.gold.ForecastKey;
import io.zoommetering.avro.gold.PlanSuggestion;
import io.zoommetering.avro.gold.PlanSuggestionKey;
import io.zoommetering.topology.output.churnrisk.ChurnRiskOutput;
import io.zoommetering.topology.output.eventtotals.EventTotalsOutput;
import io.zoommetering.topology.output.forecast.ForecastOutput;
import io.zoommetering.topology.output.plansuggestions.PlanSuggestionsOutput;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The gauges of the analytics outputs: the forecast against the actual hour, the top accounts. */
class AnalyticsGaugesTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-04T10:20:00Z"), ZoneOffset.UTC);
    private static final LocalDate TODAY = LocalDate.parse("2026-03-04");
    private static final Instant LAST_CLOSED_HOUR = Instant.parse("2026-03-04T09:00:00Z");

    @Test
    void shouldShowTheLastClosedHoursForecastBesideItsActualCount() {
        try (AppMetrics metrics = new AppMetrics()) {
            MicrometerObserver observer = new MicrometerObserver(metrics.registry(), "zm", ZoneOffset.UTC, CLOCK);
            // Given forecasts of the last closed hour (first made a day ahead, then restated an hour ahead), of
            // the current hour, and of an hour a month ago (a backfill's history)
            forecast(observer, LAST_CLOSED_HOUR, 90.0, 24);
            forecast(observer, LAST_CLOSED_HOUR, 100.0, 1);
            forecast(observer, LAST_CLOSED_HOUR.plusSeconds(3_600), 500.0, 1);
            forecast(observer, Instant.parse("2026-02-04T09:00:00Z"), 7.0, 1);
            // and the hour's actual count, with the day's and the current hour's
            totals(observer, PeriodType.HOURLY, LAST_CLOSED_HOUR, 104);
            totals(observer, PeriodType.DAILY, Instant.parse("2026-03-04T00:00:00Z"), 900);
            totals(observer, PeriodType.HOURLY, LAST_CLOSED_HOUR.plusSeconds(3_600), 30);

            // Then the gauges show the newest forecast of the last closed hour and its HOURLY count
            assertThat(metrics.scrape())
                    .contains("zoom_metering_kpi_forecast_events{application=\"zm\",bound=\"expected\","
                            + "plan=\"PRO\",stream=\"meetings\"} 100.0")
                    .contains("zoom_metering_kpi_forecast_events{application=\"zm\",bound=\"p10\","
                            + "plan=\"PRO\",stream=\"meetings\"} 80.0")
                    .contains("zoom_metering_kpi_forecast_events{application=\"zm\",bound=\"p90\","
                            + "plan=\"PRO\",stream=\"meetings\"} 120.0")
                    .contains("zoom_metering_kpi_hour_events{application=\"zm\",plan=\"PRO\",stream=\"meetings\"}"
                            + " 104.0");
        }
    }

    @Test
    void shouldListTheHighestChurnRisksWithTheirReasonsAndDropClearedOnes() {
        try (AppMetrics metrics = new AppMetrics()) {
            MicrometerObserver observer = new MicrometerObserver(metrics.registry(), "zm", ZoneOffset.UTC, CLOCK);
            // Given twelve accounts at risk, one of which then clears
            for (int i = 1; i <= 12; i++) {
                churnRisk(observer, "u" + i, 5 * i, "INACTIVE");
            }
            churnRisk(observer, "u12", 0);
            churnRisk(observer, "u11", 80, "INACTIVE", "CRITICAL_TICKET");

            // Then the ten highest are shown with their signals, the cleared account is not
            String scrape = metrics.scrape();
            assertThat(scrape)
                    .contains("zoom_metering_kpi_churn_risk_score{application=\"zm\","
                            + "reasons=\"INACTIVE,CRITICAL_TICKET\",user_id=\"u11\"} 80.0")
                    .contains("zoom_metering_kpi_churn_risk_score{application=\"zm\",reasons=\"INACTIVE\","
                            + "user_id=\"u2\"} 10.0")
                    .doesNotContain("user_id=\"u12\"")
                    .doesNotContain("user_id=\"u1\"}");
            assertThat(scrape.lines().filter(line -> line.startsWith("zoom_metering_kpi_churn_risk_score{")))
                    .hasSize(10);
        }
    }

    @Test
    void shouldShowEachAccountsNewestPlanSuggestionBySaving() {
        try (AppMetrics metrics = new AppMetrics()) {
            MicrometerObserver observer = new MicrometerObserver(metrics.registry(), "zm", ZoneOffset.UTC, CLOCK);
            // Given an account's suggestions of two months, the older restated after the newer
            suggestion(observer, "u1", "2026-02", "UNDER_USE", "PRO", "BASIC", "12.50");
            suggestion(observer, "u1", "2026-01", "UNDER_USE", "PRO", "BASIC", "99.00");
            suggestion(observer, "u2", "2026-02", "REPEATED_OVERAGE", "PRO", "BUSINESS", "40.25");

            // Then each account shows its newest month's saving, only that
            String scrape = metrics.scrape();
            assertThat(scrape.lines().filter(line -> line.startsWith("zoom_metering_kpi_plan_suggestion_saving{")))
                    .hasSize(2);
            assertThat(scrape)
                    .contains("zoom_metering_kpi_plan_suggestion_saving{activity_month=\"2026-02\",application=\"zm\","
                            + "current_plan=\"PRO\",rule=\"UNDER_USE\",suggested_plan=\"BASIC\",user_id=\"u1\"} 12.5")
                    .contains("zoom_metering_kpi_plan_suggestion_saving{activity_month=\"2026-02\",application=\"zm\","
                            + "current_plan=\"PRO\",rule=\"REPEATED_OVERAGE\",suggested_plan=\"BUSINESS\","
                            + "user_id=\"u2\"} 40.25");
        }
    }

    private static void forecast(MicrometerObserver observer, Instant hour, double expected, int horizon) {
        observer.goldWritten(
                ForecastOutput.INSTANCE.topic(),
                new ForecastKey("meetings", "PRO", hour),
                new Forecast(
                        expected,
                        expected - 20,
                        expected + 20,
                        hour.minusSeconds(3_600L * horizon),
                        horizon,
                        TODAY,
                        TODAY,
                        "zoom-metering"));
    }

    private static void totals(MicrometerObserver observer, PeriodType period, Instant start, long count) {
        observer.goldWritten(
                EventTotalsOutput.INSTANCE.topic(),
                new EventTotalsKey("meetings", "PRO", period, start),
                new EventTotals(count, TODAY, TODAY, "zoom-metering"));
    }

    private static void churnRisk(MicrometerObserver observer, String userId, int score, String... signals) {
        List<ChurnRiskReason> reasons = Arrays.stream(signals)
                .map(signal -> new ChurnRiskReason(signal, score / signals.length, "evidence"))
                .toList();
        observer.goldWritten(
                ChurnRiskOutput.INSTANCE.topic(),
                new ChurnRiskKey(userId),
                new ChurnRisk(score, score >= 50, reasons, TODAY, TODAY, "zoom-metering"));
    }

    private static void suggestion(
            MicrometerObserver observer,
            String userId,
            String month,
            String rule,
            String current,
            String suggested,
            String saving) {
        BigDecimal cost = new BigDecimal("100.00");
        observer.goldWritten(
                PlanSuggestionsOutput.INSTANCE.topic(),
                new PlanSuggestionKey(userId, month),
                new PlanSuggestion(
                        rule,
                        current,
                        suggested,
                        cost,
                        cost.subtract(new BigDecimal(saving)),
                        new BigDecimal(saving),
                        TODAY,
                        TODAY,
                        "zoom-metering"));
    }
}
