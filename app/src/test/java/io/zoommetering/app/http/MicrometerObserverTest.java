package io.zoommetering.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoommetering.avro.audit.ErrorType;
import org.junit.jupiter.api.Test;

class MicrometerObserverTest {

    @Test
    void shouldCountIntakeDecisionsPerStreamAndErrorType() {
        try (AppMetrics metrics = new AppMetrics()) {
            MicrometerObserver observer = new MicrometerObserver(metrics.registry(), "zoom-metering");

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
}
