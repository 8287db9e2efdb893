package io.zoommetering.topology.output.webinarusagefact;

import static io.zoommetering.topology.Events.at;
import static io.zoommetering.topology.Events.webinar;
import static org.assertj.core.api.Assertions.assertThat;

import io.zoommetering.avro.gold.fact.WebinarUsageFact;
import io.zoommetering.avro.gold.fact.WebinarUsageFactKey;
import io.zoommetering.avro.usage.Webinar;
import io.zoommetering.topology.GoldDriver;
import io.zoommetering.topology.topics.Topic;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebinarUsageFactTest {

    private static final Instant NINE = at("2026-03-03T09:00:00Z");

    private final GoldDriver driver = new GoldDriver();
    private final Topic<WebinarUsageFactKey, WebinarUsageFact> facts =
            driver.topics().output(WebinarUsageFactOutput.INSTANCE);

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void shouldKeepTheLatestRecordOfAWebinar() {
        // Given a webinar with 40 registrants, event time 10:00
        Webinar first = webinar("w-1", "u-1", NINE, 40);
        driver.send(driver.topics().webinars, "w-1", first);
        // When a newer record counts 45, then an older one (event time 09:59) counting 30 arrives, then the newer
        // one is re-sent
        Webinar newer = Webinar.newBuilder(webinar("w-1", "u-1", NINE, 45))
                .setEventTime(at("2026-03-03T11:00:00Z"))
                .build();
        driver.send(driver.topics().webinars, "w-1", newer);
        driver.send(
                driver.topics().webinars,
                "w-1",
                Webinar.newBuilder(webinar("w-1", "u-1", NINE, 30))
                        .setEventTime(at("2026-03-03T09:59:00Z"))
                        .build());
        driver.send(driver.topics().webinars, "w-1", newer);
        // Then the row was written twice, last with the newer record's figures
        List<KeyValue<WebinarUsageFactKey, WebinarUsageFact>> rows = driver.records(facts);
        assertThat(rows).extracting(row -> row.value.getRegistrants()).containsExactly(40, 45);
        WebinarUsageFact row = rows.get(1).value;
        assertThat(row.getWebinarTopic()).isEqualTo("W");
        assertThat(row.getStartTime()).isEqualTo(NINE);
        assertThat(row.getEndTime()).isEqualTo(at("2026-03-03T10:00:00Z"));
        assertThat(row.getUpdateDate()).isEqualTo(row.getLoadDate());
    }
}
