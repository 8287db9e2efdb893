package io.zoommetering.topology.audit;

import static io.zoommetering.topology.Events.at;
import static io.zoommetering.topology.Events.ended;
import static io.zoommetering.topology.Events.serviceStatus;
import static io.zoommetering.topology.Events.user;
import static org.assertj.core.api.Assertions.assertThat;

import io.zoommetering.avro.common.PlanType;
import io.zoommetering.avro.support.ComponentStatus;
import io.zoommetering.topology.GoldDriver;
import io.zoommetering.topology.output.activeusers.ActiveUsersOutput;
import io.zoommetering.topology.output.churnrisk.ChurnRiskOutput;
import io.zoommetering.topology.output.forecast.ForecastOutput;
import io.zoommetering.topology.topics.Topic;
import io.zoommetering.topology.topics.TopicSetting;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/**
 * The observer (the gauges' source) hears every gold row as it is written, of every kind of output: the
 * combiner's aggregates, the entity outputs' rows from the account stage, and the rows of outputs that follow
 * another output (the forecast).
 */
class ObservedGoldRowsTest {

    private static final Instant MONDAY = at("2026-03-02T00:00:00Z");

    /** The latest row the observer heard per output and key, as a sink keeping the latest value holds them. */
    private final Map<String, Map<SpecificRecord, SpecificRecord>> heard = new ConcurrentHashMap<>();

    private final MeteringObserver observer = new MeteringObserver() {
        @Override
        public void goldWritten(TopicSetting output, SpecificRecord key, SpecificRecord value) {
            Map<SpecificRecord, SpecificRecord> rows =
                    heard.computeIfAbsent(output.defaultName(), o -> new HashMap<>());
            if (value == null) {
                rows.remove(key);
            } else {
                rows.put(key, value);
            }
        }
    };

    @Test
    void shouldHearEveryRowOfEveryOutputThatTheGoldTopicsReceive() {
        try (GoldDriver driver = new GoldDriver(Map.of(), at("2026-06-01T00:00:00Z"), observer)) {
            // Given two profiled accounts, a meeting, and three days of hourly service-status records (so hours
            // close and are forecast)
            driver.send(driver.topics().users, "u-1", user("u-1", PlanType.PRO, MONDAY));
            driver.send(driver.topics().users, "u-2", user("u-2", PlanType.BASIC, MONDAY));
            driver.send(driver.topics().meetings, "m-1", ended("m-1", "u-1", MONDAY.plus(Duration.ofHours(9)), 45));
            for (int hour = 0; hour < 72; hour++) {
                Instant at = MONDAY.plus(Duration.ofHours(hour)).plus(Duration.ofMinutes(10));
                driver.send(driver.topics().serviceStatus, "api", serviceStatus("api", ComponentStatus.UP, at));
            }

            // Then what the observer heard is, output by output, what the gold topics hold
            for (Topic<? extends SpecificRecord, ? extends SpecificRecord> topic :
                    driver.topics().outputTables()) {
                Map<? extends SpecificRecord, ? extends SpecificRecord> table = driver.table(topic);
                assertThat(heard.getOrDefault(topic.name(), Map.of()))
                        .as(topic.name())
                        .containsExactlyInAnyOrderEntriesOf(Map.copyOf(table));
            }
            // and among them are an aggregate, an entity output and a follower
            assertThat(heard)
                    .containsKeys(
                            ActiveUsersOutput.INSTANCE.topic().defaultName(),
                            ChurnRiskOutput.INSTANCE.topic().defaultName(),
                            ForecastOutput.INSTANCE.topic().defaultName());
        }
    }
}
