package io.zoommetering.topology.output.usagebyproduct;

import static io.zoommetering.topology.Events.at;
import static io.zoommetering.topology.Events.ended;
import static io.zoommetering.topology.Events.feature;
import static io.zoommetering.topology.Events.plan;
import static io.zoommetering.topology.Events.user;
import static io.zoommetering.topology.ProductMeterRows.assertOverage;
import static io.zoommetering.topology.ProductMeterRows.assertUsage;
import static org.assertj.core.api.Assertions.assertThat;

import io.zoommetering.avro.common.PlanType;
import io.zoommetering.avro.gold.Overage;
import io.zoommetering.avro.gold.ProductMeterKey;
import io.zoommetering.avro.gold.UsageByProduct;
import io.zoommetering.avro.usage.Meeting;
import io.zoommetering.topology.Events;
import io.zoommetering.topology.GoldDriver;
import io.zoommetering.topology.output.overage.OverageOutput;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** gold.usage-by-product: usage per plan of the record, meter and month. */
class UsageByProductTest {

    private static final String MEETING_MINUTES = "meeting_minutes";
    private static final String RECORDING_MINUTES = "recording_minutes";
    private static final String WEBINAR_REGISTRANTS = "webinar_registrants";

    private final GoldDriver driver = new GoldDriver();

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void shouldSplitAnAccountsUsageUnderTwoPlansWhenItsProfileChangesMidMonth() {
        // Given PRO includes 20 meeting minutes and BUSINESS 50, at 0.10 a minute over
        catalog(PlanType.PRO, MEETING_MINUTES, 20, "0.10");
        catalog(PlanType.BUSINESS, MEETING_MINUTES, 50, "0.10");
        // and u-1 is on PRO from February and on BUSINESS from 2026-03-05
        driver.send(driver.topics().users, "u-1", user("u-1", PlanType.PRO, at("2026-02-01T00:00:00Z")));
        driver.send(driver.topics().users, "u-1", user("u-1", PlanType.BUSINESS, at("2026-03-05T00:00:00Z")));
        // When u-1 hosts 30 minutes on 2026-03-03 and 40 minutes on 2026-03-06
        meeting(ended("m-1", "u-1", at("2026-03-03T09:00:00Z"), 30));
        meeting(ended("m-2", "u-1", at("2026-03-06T09:00:00Z"), 40));

        // Then March's usage is split by the plan as of each meeting
        Map<ProductMeterKey, UsageByProduct> usage =
                driver.table(driver.topics().output(UsageByProductOutput.INSTANCE));
        assertUsage(usage, "PRO", MEETING_MINUTES, "2026-03", "30.00");
        assertUsage(usage, "BUSINESS", MEETING_MINUTES, "2026-03", "40.00");
        assertThat(usage).hasSize(2);
        // and the overage of each plan is computed on the usage under that plan alone
        Map<ProductMeterKey, Overage> overage = driver.table(driver.topics().output(OverageOutput.INSTANCE));
        assertOverage(overage, "PRO", MEETING_MINUTES, "2026-03", "10.00", 1, "1.00");
        assertOverage(overage, "BUSINESS", MEETING_MINUTES, "2026-03", "0.00", 0, "0.00");
    }

    /*
     * Documents a bug (fails when written): the account profiles are a versioned store whose history is
     * zm.dedup.horizon + zm.grace (GoldTopology.accountLedgers), measured from the greatest profile event_time the
     * store has seen. Streams have stream times of their own, so a record of another stream may ask for a plan
     * older than that history; the store then answers null and PlanResolver.planOf says UNKNOWN.
     */
    @Test
    void shouldResolveThePlanAsOfTheMeetingEvenWhenTheUsersStreamIsFarAhead() {
        // Given u-1 on PRO from 2026-02-01 and on BUSINESS from 2026-03-05, and the users stream already at
        // 2026-03-09 (another user's profile); zoom.meetings has its own stream time and has seen nothing yet
        driver.send(driver.topics().users, "u-1", user("u-1", PlanType.PRO, at("2026-02-01T00:00:00Z")));
        driver.send(driver.topics().users, "u-1", user("u-1", PlanType.BUSINESS, at("2026-03-05T00:00:00Z")));
        driver.send(driver.topics().users, "u-2", user("u-2", PlanType.FREE, at("2026-03-09T00:00:00Z")));
        // When u-1's meeting of 2026-02-20 arrives (accepted: it is the first record of zoom.meetings)
        meeting(ended("m-1", "u-1", at("2026-02-20T09:00:00Z"), 30));
        // Then it counts under PRO, the plan of u-1's profile as of the meeting (SPEC 2, "Plan of a record")
        Map<ProductMeterKey, UsageByProduct> usage =
                driver.table(driver.topics().output(UsageByProductOutput.INSTANCE));
        assertUsage(usage, "PRO", MEETING_MINUTES, "2026-02", "30.00");
        assertThat(usage).hasSize(1);
    }

    @Test
    void shouldCountAMeetingOfAHostWithoutProfileUnderUnknownAndKeepItThereWhenTheProfileArrives() {
        // Given PRO is in the catalog, but u-1 has no profile yet
        catalog(PlanType.PRO, MEETING_MINUTES, 0, "0.10");
        // When u-1 hosts a 30-minute meeting
        meeting(ended("m-1", "u-1", at("2026-03-03T09:00:00Z"), 30));
        // Then it counts under UNKNOWN, which has a usage row but no overage row
        assertUsage(
                driver.table(driver.topics().output(UsageByProductOutput.INSTANCE)),
                "UNKNOWN",
                MEETING_MINUTES,
                "2026-03",
                "30.00");
        assertThat(driver.table(driver.topics().output(OverageOutput.INSTANCE))).isEmpty();

        // When u-1's profile arrives, valid from before the meeting
        driver.send(driver.topics().users, "u-1", user("u-1", PlanType.PRO, at("2026-03-01T00:00:00Z")));
        // Then the meeting stays under UNKNOWN
        Map<ProductMeterKey, UsageByProduct> usage =
                driver.table(driver.topics().output(UsageByProductOutput.INSTANCE));
        assertUsage(usage, "UNKNOWN", MEETING_MINUTES, "2026-03", "30.00");
        assertThat(usage).doesNotContainKey(new ProductMeterKey("PRO", MEETING_MINUTES, "2026-03"));

        // When u-1 hosts another meeting after the profile was processed
        meeting(ended("m-2", "u-1", at("2026-03-04T09:00:00Z"), 20));
        // Then that one counts under PRO, with an overage row
        assertUsage(
                driver.table(driver.topics().output(UsageByProductOutput.INSTANCE)),
                "PRO",
                MEETING_MINUTES,
                "2026-03",
                "20.00");
        Map<ProductMeterKey, Overage> overage = driver.table(driver.topics().output(OverageOutput.INSTANCE));
        assertOverage(overage, "PRO", MEETING_MINUTES, "2026-03", "20.00", 1, "2.00");
        assertThat(overage).doesNotContainKey(new ProductMeterKey("UNKNOWN", MEETING_MINUTES, "2026-03"));
    }

    @Test
    void shouldMeterRecordingMinutesAsUsageSecondsOverSixtyKeptExactUntilWritten() {
        // Given a PRO user
        driver.send(driver.topics().users, "u-1", user("u-1", PlanType.PRO, at("2026-03-01T00:00:00Z")));
        // When they record for 100 seconds
        driver.send(driver.topics().featureUsage, "u-1", feature("u-1", "RECORDING", 100, at("2026-03-03T09:00:00Z")));
        // Then 100 / 60 = 1.67 recording minutes
        assertUsage(
                driver.table(driver.topics().output(UsageByProductOutput.INSTANCE)),
                "PRO",
                RECORDING_MINUTES,
                "2026-03",
                "1.67");

        // When they record another 100 seconds and chat for 600 seconds
        driver.send(driver.topics().featureUsage, "u-1", feature("u-1", "RECORDING", 100, at("2026-03-04T09:00:00Z")));
        driver.send(driver.topics().featureUsage, "u-1", feature("u-1", "CHAT", 600, at("2026-03-04T10:00:00Z")));
        // Then 200 / 60 = 3.33 (not 1.67 + 1.67 = 3.34), and chatting is no recording
        Map<ProductMeterKey, UsageByProduct> usage =
                driver.table(driver.topics().output(UsageByProductOutput.INSTANCE));
        assertUsage(usage, "PRO", RECORDING_MINUTES, "2026-03", "3.33");
        assertThat(usage).hasSize(1);
    }

    @Test
    void shouldSumWebinarRegistrantsByTheMonthOfTheWebinarsStart() {
        // Given PRO includes 30 meeting minutes and nothing for webinar registrants
        catalog(PlanType.PRO, MEETING_MINUTES, 30, "0.10");
        driver.send(driver.topics().users, "h", user("h", PlanType.PRO, at("2026-02-01T00:00:00Z")));
        // When h hosts a webinar starting 2026-02-28 23:30 (ending in March) with 120 registrants,
        // and two March webinars with 30 and 20
        webinar("w-1", "h", "2026-02-28T23:30:00Z", 120);
        webinar("w-2", "h", "2026-03-02T10:00:00Z", 30);
        webinar("w-3", "h", "2026-03-03T10:00:00Z", 20);

        // Then registrants count in the month of the start
        Map<ProductMeterKey, UsageByProduct> usage =
                driver.table(driver.topics().output(UsageByProductOutput.INSTANCE));
        assertUsage(usage, "PRO", WEBINAR_REGISTRANTS, "2026-02", "120.00");
        assertUsage(usage, "PRO", WEBINAR_REGISTRANTS, "2026-03", "50.00");
        // and a meter missing from the catalog includes 0 units at a price of 0
        assertOverage(
                driver.table(driver.topics().output(OverageOutput.INSTANCE)),
                "PRO",
                WEBINAR_REGISTRANTS,
                "2026-03",
                "50.00",
                1,
                "0.00");
    }

    @Test
    void shouldWriteAUsageRowAsSoonAsARecordContributesEvenWithUsageZero() {
        // Given a PRO user in the catalog
        catalog(PlanType.PRO, RECORDING_MINUTES, 10, "0.50");
        driver.send(driver.topics().users, "u-1", user("u-1", PlanType.PRO, at("2026-03-01T00:00:00Z")));
        // When they record for 0 seconds
        driver.send(driver.topics().featureUsage, "u-1", feature("u-1", "RECORDING", 0, at("2026-03-03T09:00:00Z")));
        // Then PRO has a recording-minutes row of 0.00, and an overage row of 0
        assertUsage(
                driver.table(driver.topics().output(UsageByProductOutput.INSTANCE)),
                "PRO",
                RECORDING_MINUTES,
                "2026-03",
                "0.00");
        assertOverage(
                driver.table(driver.topics().output(OverageOutput.INSTANCE)),
                "PRO",
                RECORDING_MINUTES,
                "2026-03",
                "0.00",
                0,
                "0.00");
    }

    private void catalog(PlanType plan, String meter, long included, String unitPrice) {
        driver.send(
                driver.topics().plans,
                plan.name(),
                plan(plan, meter, included, unitPrice, 1_000_000L, at("2026-01-01T00:00:00Z")));
    }

    private void meeting(Meeting state) {
        driver.send(driver.topics().meetings, state.getMeetingId(), state);
    }

    private void webinar(String webinarId, String host, String start, int registrants) {
        driver.send(driver.topics().webinars, webinarId, Events.webinar(webinarId, host, at(start), registrants));
    }
}
