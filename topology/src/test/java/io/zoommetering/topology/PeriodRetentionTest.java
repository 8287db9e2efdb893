package io.zoommetering.topology;

import static io.zoommetering.topology.Events.at;
import static io.zoommetering.topology.Events.ended;
import static io.zoommetering.topology.Events.started;
import static org.assertj.core.api.Assertions.assertThat;

import io.zoommetering.avro.audit.ErrorAudit;
import io.zoommetering.avro.audit.ErrorType;
import io.zoommetering.avro.common.PeriodType;
import io.zoommetering.avro.gold.MeetingMinutes;
import io.zoommetering.avro.gold.PeriodKey;
import io.zoommetering.avro.usage.Meeting;
import io.zoommetering.topology.config.MeteringConfig;
import io.zoommetering.topology.output.meetingminutes.MeetingMinutesOutput;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** An on-time record counts however far back its business time lies, up to the period retention. */
class PeriodRetentionTest {

    private final GoldDriver driver = new GoldDriver(Map.of(MeteringConfig.PERIOD_RETENTION, "P3D"), GoldDriver.START);

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void shouldCountABusinessTimeWithinTheRetentionAndReportOneBeyondItAsExpired() {
        // Given stream time 2026-03-09 12:00 on zoom.meetings, and a period retention of 3 days
        meeting(started("m-1", "a", at("2026-03-09T12:00:00Z")));
        // When two meetings end now, on time: one started 2 days ago (beyond the grace, within the retention),
        // one started 4 days ago (beyond the retention)
        meeting(ended("m-2", "b", at("2026-03-07T11:00:00Z"), 48 * 60, at("2026-03-09T11:00:00Z")));
        meeting(ended("m-3", "c", at("2026-03-05T11:00:00Z"), 96 * 60, at("2026-03-09T11:00:00Z")));

        // Then the first counts in the day it started
        Map<PeriodKey, MeetingMinutes> minutes = driver.table(driver.topics().output(MeetingMinutesOutput.INSTANCE));
        assertThat(minutes.get(new PeriodKey(PeriodType.DAILY, LocalDate.parse("2026-03-07")))
                        .getTotalMeetingMinutes())
                .isEqualTo(48 * 60);
        // and the second is an EXPIRED_PERIOD error that names the setting, and counts nowhere
        assertThat(minutes).doesNotContainKey(new PeriodKey(PeriodType.DAILY, LocalDate.parse("2026-03-05")));
        List<KeyValue<io.zoommetering.avro.audit.ErrorAuditKey, ErrorAudit>> errors = driver.errors();
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).key.getSourceOffset()).isEqualTo(2L);
        assertThat(errors.get(0).value.getErrorType()).isEqualTo(ErrorType.EXPIRED_PERIOD);
        assertThat(errors.get(0).value.getErrorDescription()).contains("zm.period.retention");
    }

    @Test
    void shouldRefuseARetentionShorterThanTheGrace() {
        assertThat(org.assertj.core.api.Assertions.catchThrowable(
                        () -> new MeteringConfig(Map.of(MeteringConfig.PERIOD_RETENTION, "PT1H"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(MeteringConfig.PERIOD_RETENTION);
    }

    private void meeting(Meeting state) {
        driver.send(driver.topics().meetings, state.getMeetingId(), state);
    }
}
