package io.zoommetering.topology.output.accountusage;

import static io.zoommetering.topology.Events.at;
import static io.zoommetering.topology.Events.ended;
import static io.zoommetering.topology.Events.feature;
import static io.zoommetering.topology.Events.started;
import static io.zoommetering.topology.Events.user;
import static io.zoommetering.topology.Events.webinar;
import static org.assertj.core.api.Assertions.assertThat;

import io.zoommetering.avro.common.PeriodType;
import io.zoommetering.avro.common.PlanType;
import io.zoommetering.avro.gold.AccountUsage;
import io.zoommetering.avro.gold.AccountUsageKey;
import io.zoommetering.avro.usage.FeatureUsage;
import io.zoommetering.avro.usage.Meeting;
import io.zoommetering.topology.GoldDriver;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** gold.account-usage: each account's usage per meter, hour and day, over all its plans. */
class AccountUsageTest {

    private static final String MEETING_MINUTES = "meeting_minutes";
    private static final String RECORDING_MINUTES = "recording_minutes";
    private static final String WEBINAR_REGISTRANTS = "webinar_registrants";

    private final GoldDriver driver = new GoldDriver();

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void shouldSumAnAccountsMetersPerHourAndDayOverAllItsPlans() {
        // Given u-1 on PRO, then on BUSINESS from 10:30
        driver.send(driver.topics().users, "u-1", user("u-1", PlanType.PRO, at("2026-03-01T00:00:00Z")));
        driver.send(driver.topics().users, "u-1", user("u-1", PlanType.BUSINESS, at("2026-03-03T10:30:00Z")));
        // When u-1 hosts 30 minutes at 09:10 and 40 at 09:50 (under PRO), and 15 at 11:00 (under BUSINESS)
        meeting(ended("m-1", "u-1", at("2026-03-03T09:10:00Z"), 30));
        meeting(ended("m-2", "u-1", at("2026-03-03T09:50:00Z"), 40));
        meeting(ended("m-3", "u-1", at("2026-03-03T11:00:00Z"), 15));
        // and hosts a webinar of 120 registrants at 09:00, and records 100 seconds at 09:30
        driver.send(driver.topics().webinars, "w-1", webinar("w-1", "u-1", at("2026-03-03T09:00:00Z"), 120));
        recording("u-1", 100, at("2026-03-03T09:30:00Z"));

        // Then each meeting counts in the hour of its start, whatever plan it counted under
        Map<AccountUsageKey, AccountUsage> usage = table();
        assertUsage(usage, "u-1", MEETING_MINUTES, PeriodType.HOURLY, "2026-03-03T09:00:00Z", "70.00");
        assertUsage(usage, "u-1", MEETING_MINUTES, PeriodType.HOURLY, "2026-03-03T11:00:00Z", "15.00");
        assertUsage(usage, "u-1", MEETING_MINUTES, PeriodType.DAILY, "2026-03-03T00:00:00Z", "85.00");
        assertUsage(usage, "u-1", WEBINAR_REGISTRANTS, PeriodType.HOURLY, "2026-03-03T09:00:00Z", "120.00");
        assertUsage(usage, "u-1", WEBINAR_REGISTRANTS, PeriodType.DAILY, "2026-03-03T00:00:00Z", "120.00");
        assertUsage(usage, "u-1", RECORDING_MINUTES, PeriodType.HOURLY, "2026-03-03T09:00:00Z", "1.67");
        assertUsage(usage, "u-1", RECORDING_MINUTES, PeriodType.DAILY, "2026-03-03T00:00:00Z", "1.67");
        assertThat(usage).hasSize(7);
    }

    @Test
    void shouldReplaceACorrectedMeetingAndDeleteTheBucketOfAWithdrawnOne() {
        // Given u-1 hosted a 30-minute meeting at 09:00
        meeting(ended("m-1", "u-1", at("2026-03-03T09:00:00Z"), 30));
        assertUsage(table(), "u-1", MEETING_MINUTES, PeriodType.HOURLY, "2026-03-03T09:00:00Z", "30.00");

        // When a correction says it lasted 45 minutes, and the first state arrives again (a duplicate)
        Meeting first = ended("m-1", "u-1", at("2026-03-03T09:00:00Z"), 30);
        meeting(first);
        meeting(ended("m-1", "u-1", at("2026-03-03T09:00:00Z"), 45, at("2026-03-03T10:00:00Z")));
        meeting(first);
        // Then the hour holds 45 minutes, not 75
        assertUsage(table(), "u-1", MEETING_MINUTES, PeriodType.HOURLY, "2026-03-03T09:00:00Z", "45.00");

        // When an older state arrives late (a STARTED state of 09:00): it changes nothing
        meeting(started("m-1", "u-1", at("2026-03-03T09:00:00Z")));
        assertUsage(table(), "u-1", MEETING_MINUTES, PeriodType.HOURLY, "2026-03-03T09:00:00Z", "45.00");

        // When a newer state moves the meeting to u-2, at 14:00
        meeting(ended("m-1", "u-2", at("2026-03-03T14:00:00Z"), 45, at("2026-03-03T15:00:00Z")));
        // Then u-1's buckets are deleted and u-2 has the minutes in the hour of the new start
        Map<AccountUsageKey, AccountUsage> usage = table();
        assertThat(usage.keySet()).allMatch(key -> key.getUserId().equals("u-2"));
        assertUsage(usage, "u-2", MEETING_MINUTES, PeriodType.HOURLY, "2026-03-03T14:00:00Z", "45.00");
        assertUsage(usage, "u-2", MEETING_MINUTES, PeriodType.DAILY, "2026-03-03T00:00:00Z", "45.00");
        assertThat(usage).hasSize(2);
    }

    @Test
    void shouldCountARecordByItsBusinessTimeWhenOnTimeAndNotAtAllWhenLate() {
        // Given the meetings stream is at 2026-03-05 12:00
        meeting(ended("m-1", "u-1", at("2026-03-05T11:00:00Z"), 30));
        // When a meeting that started on 2026-03-03 ends now (on time: its event_time is its end)
        meeting(ended("m-2", "u-1", at("2026-03-03T08:00:00Z"), 52 * 60 + 10, at("2026-03-05T12:10:00Z")));
        // and a meeting whose event_time is two days behind arrives (late: beyond the 24 h grace)
        meeting(ended("m-3", "u-1", at("2026-03-03T09:00:00Z"), 20));
        // and a recording arrives out of order, an hour behind the feature stream, and its duplicate
        recording("u-1", 60, at("2026-03-05T10:00:00Z"));
        FeatureUsage earlier = feature("u-1", "RECORDING", 120, at("2026-03-05T09:00:00Z"));
        driver.send(driver.topics().featureUsage, "u-1", earlier);
        driver.send(driver.topics().featureUsage, "u-1", earlier);

        // Then the long meeting counts in the hour and day it started, the late one nowhere
        Map<AccountUsageKey, AccountUsage> usage = table();
        assertUsage(usage, "u-1", MEETING_MINUTES, PeriodType.HOURLY, "2026-03-03T08:00:00Z", "3130.00");
        assertUsage(usage, "u-1", MEETING_MINUTES, PeriodType.DAILY, "2026-03-03T00:00:00Z", "3130.00");
        assertThat(usage).doesNotContainKey(key("u-1", MEETING_MINUTES, PeriodType.HOURLY, "2026-03-03T09:00:00Z"));
        // and the out-of-order recording counts once, in its own hour
        assertUsage(usage, "u-1", RECORDING_MINUTES, PeriodType.HOURLY, "2026-03-05T09:00:00Z", "2.00");
        assertUsage(usage, "u-1", RECORDING_MINUTES, PeriodType.HOURLY, "2026-03-05T10:00:00Z", "1.00");
        assertUsage(usage, "u-1", RECORDING_MINUTES, PeriodType.DAILY, "2026-03-05T00:00:00Z", "3.00");
    }

    @Test
    void shouldKeepABucketOfAZeroMinuteMeetingAtZero() {
        // When u-1 hosts a meeting that ended at once
        meeting(ended("m-1", "u-1", at("2026-03-03T09:00:00Z"), 0));
        // Then its hour has a row at 0, as gold.usage-by-product has for its month
        assertUsage(table(), "u-1", MEETING_MINUTES, PeriodType.HOURLY, "2026-03-03T09:00:00Z", "0.00");
    }

    private void meeting(Meeting meeting) {
        driver.send(driver.topics().meetings, meeting.getMeetingId(), meeting);
    }

    private void recording(String userId, long seconds, Instant at) {
        driver.send(driver.topics().featureUsage, userId, feature(userId, "RECORDING", seconds, at));
    }

    private Map<AccountUsageKey, AccountUsage> table() {
        return driver.table(driver.topics().output(AccountUsageOutput.INSTANCE));
    }

    private static AccountUsageKey key(String user, String meter, PeriodType period, String start) {
        return new AccountUsageKey(user, meter, period, Instant.parse(start));
    }

    private static void assertUsage(
            Map<AccountUsageKey, AccountUsage> usage,
            String user,
            String meter,
            PeriodType period,
            String start,
            String expected) {
        assertThat(usage.get(key(user, meter, period, start)))
                .as("%s %s %s %s", user, meter, period, start)
                .isNotNull()
                .extracting(AccountUsage::getUsage)
                .isEqualTo(new BigDecimal(expected));
    }
}
