package io.zoommetering.topology.output.featuredim;

import static io.zoommetering.topology.Events.at;
import static io.zoommetering.topology.Events.feature;
import static org.assertj.core.api.Assertions.assertThat;

import io.zoommetering.avro.gold.dim.FeatureDim;
import io.zoommetering.avro.gold.dim.FeatureDimKey;
import io.zoommetering.topology.GoldDriver;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FeatureDimTest {

    private final GoldDriver driver = new GoldDriver();

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void shouldWriteEachFeatureNameOnceHoweverOftenItIsUsed() {
        // Given three usages of CHAT and one of RECORDING
        for (int i = 0; i < 3; i++) {
            driver.send(
                    driver.topics().featureUsage, "u-" + i, feature("u-" + i, "CHAT", 10, at("2026-03-03T09:00:00Z")));
        }
        driver.send(driver.topics().featureUsage, "u-1", feature("u-1", "RECORDING", 60, at("2026-03-03T10:00:00Z")));
        // Then the dimension has one row per name, each written once, dated by the processing day
        List<KeyValue<FeatureDimKey, FeatureDim>> rows =
                driver.records(driver.topics().output(FeatureDimOutput.INSTANCE));
        assertThat(rows).extracting(row -> row.key.getFeatureName()).containsExactly("CHAT", "RECORDING");
        LocalDate today = LocalDate.ofInstant(GoldDriver.START, ZoneOffset.UTC);
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.value.getFeatureName()).isEqualTo(row.key.getFeatureName());
            assertThat(row.value.getLoadDate()).isEqualTo(today);
            assertThat(row.value.getSourceSystem()).isEqualTo("zoom-metering");
        });
    }
}
