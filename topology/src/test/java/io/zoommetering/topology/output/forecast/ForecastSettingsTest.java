package io.zoommetering.topology.output.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zoommetering.topology.config.MeteringConfig;
import io.zoommetering.topology.output.GoldOutput;
import io.zoommetering.topology.registry.OutputRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

/** The forecast's settings, its reach and its place among the selectable outputs. */
class ForecastSettingsTest {

    @Test
    void shouldReachADayPastStreamTimeWithTheDefaults() {
        MeteringConfig config = new MeteringConfig(Map.of());
        ForecastSettings settings = ForecastSettings.from(config.values());
        assertThat(settings.parameters()).isEqualTo(ForecastSettings.DEFAULT_PARAMETERS);
        // 24 h grace + 10 min settle + 1 day, rounded up to hours, and the closed hour itself
        assertThat(ForecastOutput.horizonHours(config.grace(), settings)).isEqualTo(50);
    }

    @Test
    void shouldRefuseWeightsOutsideTheUnitIntervalAndAReachBeyondAWeek() {
        assertThatThrownBy(() -> new MeteringConfig(Map.of(ForecastSettings.GAMMA, "1.5")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(ForecastSettings.GAMMA);
        ForecastSettings settings =
                ForecastSettings.from(new MeteringConfig(Map.of(ForecastSettings.HORIZON, "P7D")).values());
        assertThatThrownBy(() -> ForecastOutput.horizonHours(Duration.ofHours(24), settings))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most 168");
    }

    @Test
    void shouldBringEventTotalsAlongWhenOnlyTheForecastIsSelected() {
        assertThat(OutputRegistry.selected(List.of("forecast")).outputs().stream()
                        .map(GoldOutput::name))
                .containsExactly("event-totals", "forecast");
    }
}
