package io.zoommetering.app.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zoommetering.avro.common.PeriodType;
import io.zoommetering.avro.gold.EventTotalsKey;
import io.zoommetering.avro.gold.PeriodKey;
import io.zoommetering.avro.gold.PlanMonthKey;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyFilterTest {

    private static final ZoneId ZONE = ZoneId.of("America/New_York");

    @Test
    void shouldKeepTheKeysWithTheFieldsGivenAndAPeriodOverlappingTheDays() {
        KeyFilter filter = KeyFilter.parse(
                PeriodKey.getClassSchema(),
                Map.of("period_type", "DAILY", "from", "2026-11-01", "to", "2026-11-30"),
                ZONE);

        assertThat(filter.matches(new PeriodKey(PeriodType.DAILY, LocalDate.parse("2026-11-01"))))
                .isTrue();
        assertThat(filter.matches(new PeriodKey(PeriodType.DAILY, LocalDate.parse("2026-11-30"))))
                .isTrue();
        assertThat(filter.matches(new PeriodKey(PeriodType.DAILY, LocalDate.parse("2026-12-01"))))
                .isFalse();
        assertThat(filter.matches(new PeriodKey(PeriodType.WEEKLY, LocalDate.parse("2026-11-02"))))
                .isFalse();
        assertThat(filter.pointKey()).isEmpty();
    }

    @Test
    void shouldTakeAMonthAsAllItsDaysAndAnHourAsItsDayInTheReportingZone() {
        KeyFilter days =
                KeyFilter.parse(PlanMonthKey.getClassSchema(), Map.of("from", "2026-11-15", "to", "2026-12-02"), ZONE);
        assertThat(days.matches(new PlanMonthKey("PRO", "2026-11"))).isTrue();
        assertThat(days.matches(new PlanMonthKey("PRO", "2026-12"))).isTrue();
        assertThat(days.matches(new PlanMonthKey("PRO", "2026-10"))).isFalse();

        KeyFilter day = KeyFilter.parse(
                EventTotalsKey.getClassSchema(), Map.of("from", "2026-11-05", "to", "2026-11-05"), ZONE);
        // 03:00 UTC on the 6th is the 5th in New York
        assertThat(day.matches(new EventTotalsKey(
                        "meetings", "PRO", PeriodType.HOURLY, Instant.parse("2026-11-06T03:00:00Z"))))
                .isTrue();
        assertThat(day.matches(new EventTotalsKey(
                        "meetings", "PRO", PeriodType.HOURLY, Instant.parse("2026-11-06T06:00:00Z"))))
                .isFalse();
    }

    @Test
    void shouldMakeAPointQueryOfEveryKeyField() {
        KeyFilter filter = KeyFilter.parse(
                PeriodKey.getClassSchema(),
                Map.of("period_type", "MONTHLY", "activity_date", "2026-11-01", "limit", "5"),
                ZONE);

        assertThat(filter.pointKey()).contains(new PeriodKey(PeriodType.MONTHLY, LocalDate.parse("2026-11-01")));
    }

    @Test
    void shouldRefuseWhatIsNoKeyFieldOrDoesNotParse() {
        assertThatThrownBy(() -> KeyFilter.parse(PeriodKey.getClassSchema(), Map.of("user", "u-1"), ZONE))
                .isInstanceOf(KeyFilter.BadRequest.class)
                .hasMessageContaining("unknown parameter user")
                .hasMessageContaining("activity_date");
        assertThatThrownBy(() -> KeyFilter.parse(PeriodKey.getClassSchema(), Map.of("period_type", "YEARLY"), ZONE))
                .hasMessageContaining("one of [HOURLY, DAILY, WEEKLY, MONTHLY, UNRECOGNIZED]");
        assertThatThrownBy(() -> KeyFilter.parse(PeriodKey.getClassSchema(), Map.of("from", "November"), ZONE))
                .hasMessageContaining("from must be a day such as 2026-11-01");
        assertThatThrownBy(
                        () -> KeyFilter.parse(PeriodKey.getClassSchema(), Map.of("activity_date", "2026-13-01"), ZONE))
                .hasMessageContaining("activity_date does not parse");
    }
}
