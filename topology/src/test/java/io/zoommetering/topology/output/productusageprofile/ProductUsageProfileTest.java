package io.zoommetering.topology.output.productusageprofile;

import static io.zoommetering.topology.Events.at;
import static io.zoommetering.topology.Events.ended;
import static io.zoommetering.topology.Events.feature;
import static io.zoommetering.topology.Events.user;
import static org.assertj.core.api.Assertions.assertThat;

import io.zoommetering.avro.common.PlanType;
import io.zoommetering.avro.gold.ProductUsageProfile;
import io.zoommetering.avro.gold.ProductUsageProfileKey;
import io.zoommetering.avro.usage.Meeting;
import io.zoommetering.topology.GoldDriver;
import io.zoommetering.topology.config.MeteringConfig;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** gold.product-usage-profile: each product's usage by weekday and hour, a running total over all time. */
class ProductUsageProfileTest {

    private static final String MEETING_MINUTES = "meeting_minutes";
    private static final String RECORDING_MINUTES = "recording_minutes";
    /** ISO days of week. */
    private static final int MONDAY = 1;

    private static final int TUESDAY = 2;

    private GoldDriver driver = new GoldDriver();

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void shouldSumEveryWeekOfAWeekdayAndHourUnderThePlanOfEachRecord() {
        // Given u-1 on PRO and u-2 on BUSINESS
        driver.send(driver.topics().users, "u-1", user("u-1", PlanType.PRO, at("2026-01-01T00:00:00Z")));
        driver.send(driver.topics().users, "u-2", user("u-2", PlanType.BUSINESS, at("2026-01-01T00:00:00Z")));
        // When u-1 hosts meetings on two Mondays at 09:xx, and one on a Tuesday at 09:00
        meeting(ended("m-1", "u-1", at("2026-02-23T09:05:00Z"), 30));
        meeting(ended("m-2", "u-1", at("2026-03-02T09:55:00Z"), 20));
        meeting(ended("m-3", "u-1", at("2026-03-03T09:00:00Z"), 10));
        // and u-2 hosts one on a Monday at 09:30, and records 90 seconds then
        meeting(ended("m-4", "u-2", at("2026-03-02T09:30:00Z"), 40));
        driver.send(driver.topics().featureUsage, "u-2", feature("u-2", "RECORDING", 90, at("2026-03-02T09:30:00Z")));

        // Then Monday 09:00 sums both Mondays of PRO, and BUSINESS has a profile of its own
        Map<ProductUsageProfileKey, ProductUsageProfile> profile = table();
        assertUsage(profile, "PRO", MEETING_MINUTES, MONDAY, 9, "50.00");
        assertUsage(profile, "PRO", MEETING_MINUTES, TUESDAY, 9, "10.00");
        assertUsage(profile, "BUSINESS", MEETING_MINUTES, MONDAY, 9, "40.00");
        assertUsage(profile, "BUSINESS", RECORDING_MINUTES, MONDAY, 9, "1.50");
        assertThat(profile).hasSize(4);
    }

    @Test
    void shouldMoveACorrectedMeetingAndIgnoreDuplicatesAndLateRecords() {
        // Given a 30-minute meeting on Monday 2026-03-02 at 09:00
        Meeting first = ended("m-1", "u-1", at("2026-03-02T09:00:00Z"), 30);
        meeting(first);
        // When its duplicate arrives, then a correction moving its start to 11:00 and its length to 45 minutes
        meeting(first);
        meeting(ended("m-1", "u-1", at("2026-03-02T11:00:00Z"), 45, at("2026-03-02T12:00:00Z")));
        // and a meeting whose event_time is two days behind the stream (late) arrives after one of 2026-03-04
        meeting(ended("m-2", "u-1", at("2026-03-04T12:00:00Z"), 5));
        meeting(ended("m-3", "u-1", at("2026-03-02T09:10:00Z"), 15));

        // Then Monday 09:00 is gone (its last record was withdrawn), Monday 11:00 holds 45 minutes
        Map<ProductUsageProfileKey, ProductUsageProfile> profile = table();
        assertThat(profile).doesNotContainKey(new ProductUsageProfileKey("UNKNOWN", MEETING_MINUTES, MONDAY, 9));
        assertUsage(profile, "UNKNOWN", MEETING_MINUTES, MONDAY, 11, "45.00");
        assertUsage(profile, "UNKNOWN", MEETING_MINUTES, 3, 12, "5.00");
        assertThat(profile).hasSize(2);
    }

    @Test
    void shouldTakeWeekdayAndHourInTheReportingZone() {
        // Given the reporting zone is Asia/Tokyo (UTC+9)
        driver.close();
        driver = new GoldDriver(Map.of(MeteringConfig.REPORTING_ZONE, "Asia/Tokyo"), GoldDriver.START);
        // When a meeting starts on Sunday 2026-03-01 at 22:00 UTC, which is Monday 07:00 in Tokyo
        meeting(ended("m-1", "u-1", at("2026-03-01T22:00:00Z"), 30));
        // Then it counts on Monday at 7
        assertUsage(table(), "UNKNOWN", MEETING_MINUTES, MONDAY, 7, "30.00");
    }

    private void meeting(Meeting meeting) {
        driver.send(driver.topics().meetings, meeting.getMeetingId(), meeting);
    }

    private Map<ProductUsageProfileKey, ProductUsageProfile> table() {
        return driver.table(driver.topics().output(ProductUsageProfileOutput.INSTANCE));
    }

    private static void assertUsage(
            Map<ProductUsageProfileKey, ProductUsageProfile> profile,
            String plan,
            String meter,
            int dayOfWeek,
            int hour,
            String expected) {
        assertThat(profile.get(new ProductUsageProfileKey(plan, meter, dayOfWeek, hour)))
                .as("%s %s %d %d", plan, meter, dayOfWeek, hour)
                .isNotNull()
                .extracting(ProductUsageProfile::getUsage)
                .isEqualTo(new BigDecimal(expected));
    }
}
