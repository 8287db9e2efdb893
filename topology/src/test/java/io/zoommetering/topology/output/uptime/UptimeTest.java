package io.zoommetering.topology.output.uptime;

import static io.zoommetering.topology.Events.at;
import static io.zoommetering.topology.Events.serviceStatus;
import static org.assertj.core.api.Assertions.assertThat;

import io.zoommetering.avro.audit.ErrorAudit;
import io.zoommetering.avro.audit.ErrorAuditKey;
import io.zoommetering.avro.audit.ErrorType;
import io.zoommetering.avro.common.PeriodType;
import io.zoommetering.avro.gold.Uptime;
import io.zoommetering.avro.gold.UptimeKey;
import io.zoommetering.avro.support.ComponentStatus;
import io.zoommetering.topology.GoldDriver;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class UptimeTest {

    private static final long MINUTE = 60_000L;
    private static final long HOUR = 60 * MINUTE;

    private final GoldDriver driver = new GoldDriver();

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void shouldSplitAnOutageAcrossMidnightBetweenTheTwoDays() {
        // Given api UP from 20:00 on Tuesday 2026-03-03, DOWN 22:00 to 02:00 on the 4th, UP again until 06:00
        send("api", ComponentStatus.UP, "2026-03-03T20:00:00Z");
        send("api", ComponentStatus.DOWN, "2026-03-03T22:00:00Z");
        send("api", ComponentStatus.UP, "2026-03-04T02:00:00Z");
        send("api", ComponentStatus.UP, "2026-03-04T06:00:00Z");
        // Then the 3rd was observed 4 h and up 2 h, the 4th observed 6 h (00:00-06:00) and up 4 h
        assertRow("api", PeriodType.DAILY, "2026-03-03", "50.00", 4 * HOUR, 2 * HOUR);
        assertRow("api", PeriodType.DAILY, "2026-03-04", "66.67", 6 * HOUR, 4 * HOUR);
        // and the week and month hold both days: 6 h up of 10 h
        assertRow("api", PeriodType.WEEKLY, "2026-03-02", "60.00", 10 * HOUR, 6 * HOUR);
        assertRow("api", PeriodType.MONTHLY, "2026-03-01", "60.00", 10 * HOUR, 6 * HOUR);
    }

    @Test
    void shouldSplitAnOutageAcrossAMonthEndAndAYearEnd() {
        // Given video DOWN from 23:00 on 2025-12-31 until 01:30 on 2026-01-01, then UP until 03:00
        send("video", ComponentStatus.DOWN, "2025-12-31T23:00:00Z");
        send("video", ComponentStatus.UP, "2026-01-01T01:30:00Z");
        send("video", ComponentStatus.UP, "2026-01-01T03:00:00Z");
        // and chat DOWN from 23:00 on Saturday 2026-02-28 until 00:30 on Sunday 2026-03-01, then UP until 01:00
        send("chat", ComponentStatus.DOWN, "2026-02-28T23:00:00Z");
        send("chat", ComponentStatus.UP, "2026-03-01T00:30:00Z");
        send("chat", ComponentStatus.UP, "2026-03-01T01:00:00Z");
        // Then the year's last day and month saw video down only, the new year's 3 h half up
        assertRow("video", PeriodType.DAILY, "2025-12-31", "0.00", HOUR, 0);
        assertRow("video", PeriodType.MONTHLY, "2025-12-01", "0.00", HOUR, 0);
        assertRow("video", PeriodType.DAILY, "2026-01-01", "50.00", 3 * HOUR, 90 * MINUTE);
        assertRow("video", PeriodType.MONTHLY, "2026-01-01", "50.00", 3 * HOUR, 90 * MINUTE);
        // and ISO week 1 of 2026 (from Monday 2025-12-29) holds both years: 1.5 h up of 4 h
        assertRow("video", PeriodType.WEEKLY, "2025-12-29", "37.50", 4 * HOUR, 90 * MINUTE);
        // and February ends with chat down, March starts half up, the week (from Monday 02-23) holds both
        assertRow("chat", PeriodType.MONTHLY, "2026-02-01", "0.00", HOUR, 0);
        assertRow("chat", PeriodType.MONTHLY, "2026-03-01", "50.00", HOUR, 30 * MINUTE);
        assertRow("chat", PeriodType.WEEKLY, "2026-02-23", "25.00", 2 * HOUR, 30 * MINUTE);
    }

    @Test
    void shouldSplitAnOutageAcrossSundayToMondayBetweenTheTwoIsoWeeks() {
        // Given api UP from 22:00 on Sunday 2026-03-08, DOWN 23:00 to 00:15 on Monday, UP until 01:00
        send("api", ComponentStatus.UP, "2026-03-08T22:00:00Z");
        send("api", ComponentStatus.DOWN, "2026-03-08T23:00:00Z");
        send("api", ComponentStatus.UP, "2026-03-09T00:15:00Z");
        send("api", ComponentStatus.UP, "2026-03-09T01:00:00Z");
        // Then the week of 03-02 ends half up, the week of 03-09 starts 45 of 60 minutes up
        assertRow("api", PeriodType.WEEKLY, "2026-03-02", "50.00", 2 * HOUR, HOUR);
        assertRow("api", PeriodType.WEEKLY, "2026-03-09", "75.00", HOUR, 45 * MINUTE);
        // and the month holds both: 105 of 180 minutes
        assertRow("api", PeriodType.MONTHLY, "2026-03-01", "58.33", 3 * HOUR, 105 * MINUTE);
    }

    @Test
    void shouldLetARecordArrivingOutOfOrderHoldUntilTheNextRecordByEventTime() {
        // Given api UP at 10:00 and 14:00
        send("api", ComponentStatus.UP, "2026-03-05T10:00:00Z");
        send("api", ComponentStatus.UP, "2026-03-05T14:00:00Z");
        assertRow("api", PeriodType.DAILY, "2026-03-05", "100.00", 4 * HOUR, 4 * HOUR);
        // When a DOWN at 12:00 arrives after them
        send("api", ComponentStatus.DOWN, "2026-03-05T12:00:00Z");
        // Then it holds from 12:00 to 14:00
        assertRow("api", PeriodType.DAILY, "2026-03-05", "50.00", 4 * HOUR, 2 * HOUR);
        // When a DOWN at 09:00 arrives, before the first record
        send("api", ComponentStatus.DOWN, "2026-03-05T09:00:00Z");
        // Then the component is observed from 09:00, down until 10:00
        assertRow("api", PeriodType.DAILY, "2026-03-05", "40.00", 5 * HOUR, 2 * HOUR);
    }

    @Test
    void shouldEndARecordInsertedLaterAtTheRecordAfterItEvenWhenThatRepeatsTheStatus() {
        // Given api UP at 10:00, again UP at 12:00 (a repeat, which changes nothing yet) and at 14:00
        send("api", ComponentStatus.UP, "2026-03-05T10:00:00Z");
        send("api", ComponentStatus.UP, "2026-03-05T12:00:00Z");
        send("api", ComponentStatus.UP, "2026-03-05T14:00:00Z");
        assertRow("api", PeriodType.DAILY, "2026-03-05", "100.00", 4 * HOUR, 4 * HOUR);
        // When a DOWN at 11:00 arrives after them
        send("api", ComponentStatus.DOWN, "2026-03-05T11:00:00Z");
        // Then it holds until the repeat at 12:00, its consecutive record, not until 14:00
        assertRow("api", PeriodType.DAILY, "2026-03-05", "75.00", 4 * HOUR, 3 * HOUR);
    }

    @Test
    void shouldLetTheRecordProcessedLaterHoldFromAnInstantTwoRecordsShare() {
        // Given api UP at 10:00, DOWN at 12:00 and a last record at 13:00
        send("api", ComponentStatus.UP, "2026-03-05T10:00:00Z");
        send("api", ComponentStatus.DOWN, "2026-03-05T12:00:00Z");
        send("api", ComponentStatus.DOWN, "2026-03-05T13:00:00Z");
        assertRow("api", PeriodType.DAILY, "2026-03-05", "66.67", 3 * HOUR, 2 * HOUR);
        // When an UP at 12:00 too arrives
        send("api", ComponentStatus.UP, "2026-03-05T12:00:00Z");
        // Then the UP processed later holds from 12:00: up all 3 h
        assertRow("api", PeriodType.DAILY, "2026-03-05", "100.00", 3 * HOUR, 3 * HOUR);
        // When a third record at 12:00 says DEGRADED
        send("api", ComponentStatus.DEGRADED, "2026-03-05T12:00:00Z");
        // Then it holds from 12:00 to 13:00
        assertRow("api", PeriodType.DAILY, "2026-03-05", "66.67", 3 * HOUR, 2 * HOUR);
    }

    @Test
    void shouldCountDegradedAsObservedButNotUp() {
        // Given api UP at 10:00, DEGRADED 11:00 to 13:00, UP until 14:00
        send("api", ComponentStatus.UP, "2026-03-05T10:00:00Z");
        send("api", ComponentStatus.DEGRADED, "2026-03-05T11:00:00Z");
        send("api", ComponentStatus.UP, "2026-03-05T13:00:00Z");
        send("api", ComponentStatus.UP, "2026-03-05T14:00:00Z");
        // Then 2 of 4 hours were up
        assertRow("api", PeriodType.DAILY, "2026-03-05", "50.00", 4 * HOUR, 2 * HOUR);
    }

    @Test
    void shouldWriteNoRowForAComponentWithASingleRecord() {
        // Given one status record of api: it is observed from it to it, for no time
        send("api", ComponentStatus.UP, "2026-03-05T10:00:00Z");
        // Then there is no row
        assertThat(table()).isEmpty();
    }

    @Test
    void shouldReportALateStatusRecordAndChangeNothing() {
        // Given api UP at 10:00 on the 5th and at 12:00 on the 6th (the stream time)
        send("api", ComponentStatus.UP, "2026-03-05T10:00:00Z");
        send("api", ComponentStatus.UP, "2026-03-06T12:00:00Z");
        // When a DOWN at 11:00 on the 5th arrives, 25 hours behind the stream time
        send("api", ComponentStatus.DOWN, "2026-03-05T11:00:00Z");
        // Then it is a LATE_EVENT error, at offset 2
        List<KeyValue<ErrorAuditKey, ErrorAudit>> errors = driver.errors();
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).key).isEqualTo(new ErrorAuditKey("zoom.service-status", 0, 2L));
        assertThat(errors.get(0).value.getErrorType()).isEqualTo(ErrorType.LATE_EVENT);
        // and both days stay up all their observed time
        assertRow("api", PeriodType.DAILY, "2026-03-05", "100.00", 14 * HOUR, 14 * HOUR);
        assertRow("api", PeriodType.DAILY, "2026-03-06", "100.00", 12 * HOUR, 12 * HOUR);
    }

    @Test
    void shouldForgetARepeatOlderThanTheGraceWithoutChangingAFigure() {
        // Given api UP on the 3rd at 10:00, a repeat on the 4th at 12:00, and a record on the 5th at 13:00, after
        // which the repeat is more than the grace (24 h) behind the latest record and no record can precede it
        send("api", ComponentStatus.UP, "2026-03-03T10:00:00Z");
        send("api", ComponentStatus.UP, "2026-03-04T12:00:00Z");
        send("api", ComponentStatus.UP, "2026-03-05T13:00:00Z");
        // When a DOWN at 12:30 on the 5th arrives after them
        send("api", ComponentStatus.DOWN, "2026-03-05T12:30:00Z");
        // Then it holds until 13:00, and each day keeps its observed time
        assertRow("api", PeriodType.DAILY, "2026-03-03", "100.00", 14 * HOUR, 14 * HOUR);
        assertRow("api", PeriodType.DAILY, "2026-03-04", "100.00", 24 * HOUR, 24 * HOUR);
        assertRow("api", PeriodType.DAILY, "2026-03-05", "96.15", 13 * HOUR, 12 * HOUR + 30 * MINUTE);
        assertRow("api", PeriodType.WEEKLY, "2026-03-02", "99.02", 51 * HOUR, 50 * HOUR + 30 * MINUTE);
    }

    private void send(String component, ComponentStatus status, String at) {
        driver.send(driver.topics().serviceStatus, component, serviceStatus(component, status, at(at)));
    }

    private Map<UptimeKey, Uptime> table() {
        return driver.table(driver.topics().output(UptimeOutput.INSTANCE));
    }

    private void assertRow(
            String component, PeriodType type, String start, String pct, long observedMillis, long upMillis) {
        Uptime row = table().get(new UptimeKey(component, type, LocalDate.parse(start)));
        assertThat(row).as("%s %s %s", component, type, start).isNotNull();
        assertThat(row.getUptimePct()).as("uptime_pct").isEqualTo(new BigDecimal(pct));
        assertThat(row.getObservedMillis()).as("observed_millis").isEqualTo(observedMillis);
        assertThat(row.getUpMillis()).as("up_millis").isEqualTo(upMillis);
    }
}
