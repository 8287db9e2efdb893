package io.zoommetering.topology;

import static io.zoommetering.topology.Events.at;
import static io.zoommetering.topology.Events.ended;
import static io.zoommetering.topology.Events.feature;
import static org.assertj.core.api.Assertions.assertThat;

import io.zoommetering.avro.common.PeriodType;
import io.zoommetering.avro.gold.MeetingMinutes;
import io.zoommetering.avro.gold.PeriodKey;
import io.zoommetering.avro.usage.Meeting;
import io.zoommetering.topology.output.meetingminutes.MeetingMinutesOutput;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.Test;

/**
 * zm.emit.mode: EVERY_UPDATE writes each change at once; FINAL writes an aggregate once, when stream time has
 * passed its period's end plus the grace period.
 *
 * <p>The driver runs every sub-topology in one task; GoldDriver stamps piped records with the epoch so that the
 * task's stream time is the event time carried by the partial aggregates, as in the combiner's own tasks.
 */
class FinalEmissionTest {

    private static final Map<String, String> FINAL = Map.of("zm.emit.mode", "FINAL");

    @Test
    void shouldWriteADaysWeeksAndMonthsFiguresOnceEachWhenStreamTimePassesTheirEndPlusGrace() {
        try (GoldDriver driver = new GoldDriver(FINAL, at("2100-04-10T00:00:00Z"))) {
            // Given a 30-minute meeting on Wed 2100-03-03 (ISO week of Mon 2100-03-01), corrected to 45 minutes
            meeting(driver, ended("m-1", "a", at("2100-03-03T09:00:00Z"), 30));
            assertThat(driver.records(driver.topics().output(MeetingMinutesOutput.INSTANCE)))
                    .isEmpty();
            meeting(driver, ended("m-1", "a", at("2100-03-03T09:00:00Z"), 45, at("2100-03-03T12:00:00Z")));
            assertThat(driver.records(driver.topics().output(MeetingMinutesOutput.INSTANCE)))
                    .isEmpty();

            // When stream time reaches 2100-03-04 23:00, before the day's end + 24 h (2100-03-05 00:00)
            use(driver, "b", "2100-03-04T23:00:00Z");
            // Then nothing is written yet
            assertThat(driver.records(driver.topics().output(MeetingMinutesOutput.INSTANCE)))
                    .isEmpty();

            // When stream time passes 2100-03-05 00:00
            use(driver, "b", "2100-03-05T00:30:00Z");
            // Then the day's final figures are written, once
            List<KeyValue<PeriodKey, MeetingMinutes>> written =
                    driver.records(driver.topics().output(MeetingMinutesOutput.INSTANCE));
            assertThat(written).hasSize(1);
            assertFinal(written.get(0), PeriodType.DAILY, "2100-03-03");

            // When stream time moves on, but not past the week's end + 24 h (2100-03-09 00:00)
            use(driver, "b", "2100-03-06T06:00:00Z");
            // Then the day is not written again and the week is not written yet
            assertThat(driver.records(driver.topics().output(MeetingMinutesOutput.INSTANCE)))
                    .isEmpty();

            // When stream time passes the week's close, then the month's (2100-04-02 00:00)
            use(driver, "b", "2100-03-09T00:30:00Z");
            written = driver.records(driver.topics().output(MeetingMinutesOutput.INSTANCE));
            assertThat(written).hasSize(1);
            assertFinal(written.get(0), PeriodType.WEEKLY, "2100-03-01");
            use(driver, "b", "2100-04-02T00:30:00Z");
            written = driver.records(driver.topics().output(MeetingMinutesOutput.INSTANCE));
            assertThat(written).hasSize(1);
            assertFinal(written.get(0), PeriodType.MONTHLY, "2100-03-01");
        }
    }

    @Test
    void shouldWriteEveryChangeAtOnceInEveryUpdateMode() {
        try (GoldDriver driver = new GoldDriver()) {
            // Given a 30-minute meeting on 2026-03-03
            meeting(driver, ended("m-1", "a", at("2026-03-03T09:00:00Z"), 30));
            // Then its day, week and month are written at once
            List<KeyValue<PeriodKey, MeetingMinutes>> written =
                    driver.records(driver.topics().output(MeetingMinutesOutput.INSTANCE));
            assertThat(written)
                    .extracting(record -> record.key)
                    .containsExactlyInAnyOrder(
                            key(PeriodType.DAILY, "2026-03-03"),
                            key(PeriodType.WEEKLY, "2026-03-02"),
                            key(PeriodType.MONTHLY, "2026-03-01"));
            assertThat(written)
                    .allSatisfy(record ->
                            assertThat(record.value.getTotalMeetingMinutes()).isEqualTo(30));

            // When it is corrected to 45 minutes
            meeting(driver, ended("m-1", "a", at("2026-03-03T09:00:00Z"), 45, at("2026-03-03T12:00:00Z")));
            // Then the three rows are written again with the new figures
            written = driver.records(driver.topics().output(MeetingMinutesOutput.INSTANCE));
            assertThat(written).hasSize(3);
            assertThat(written)
                    .allSatisfy(record ->
                            assertThat(record.value.getTotalMeetingMinutes()).isEqualTo(45));
        }
    }

    private static void meeting(GoldDriver driver, Meeting state) {
        driver.send(driver.topics().meetings, state.getMeetingId(), state);
    }

    /** Another user's feature usage: advances stream time without touching the meeting's figures. */
    private static void use(GoldDriver driver, String user, String time) {
        driver.send(driver.topics().featureUsage, user, feature(user, "CHAT", 5, at(time)));
    }

    private static PeriodKey key(PeriodType type, String date) {
        return new PeriodKey(type, LocalDate.parse(date));
    }

    private static void assertFinal(KeyValue<PeriodKey, MeetingMinutes> record, PeriodType type, String date) {
        assertThat(record.key).isEqualTo(key(type, date));
        assertThat(record.value.getTotalMeetingMinutes()).isEqualTo(45);
        assertThat(record.value.getMeetingCount()).isEqualTo(1);
        assertThat(record.value.getAvgMeetingMinutes()).isEqualTo(new BigDecimal("45.00"));
    }
}
