package io.zoommetering.topology.output.overage;

import static io.zoommetering.topology.Events.at;
import static io.zoommetering.topology.Events.ended;
import static io.zoommetering.topology.Events.plan;
import static io.zoommetering.topology.Events.user;
import static io.zoommetering.topology.ProductMeterRows.assertOverage;
import static io.zoommetering.topology.ProductMeterRows.assertUsage;

import io.zoommetering.avro.common.PlanType;
import io.zoommetering.avro.usage.Meeting;
import io.zoommetering.topology.GoldDriver;
import io.zoommetering.topology.output.usagebyproduct.UsageByProductOutput;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** gold.overage: overage per account against the included quantity, summed per plan, meter and month. */
class OverageTest {

    private static final String MEETING_MINUTES = "meeting_minutes";

    private final GoldDriver driver = new GoldDriver();

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void shouldComputeOveragePerAccountAgainstTheIncludedQuantity() {
        // Given PRO includes 100 meeting minutes a month at 0.25 per minute over
        catalog(PlanType.PRO, MEETING_MINUTES, 100, "0.25");
        driver.send(driver.topics().users, "u-1", user("u-1", PlanType.PRO, at("2026-03-01T00:00:00Z")));
        driver.send(driver.topics().users, "u-2", user("u-2", PlanType.PRO, at("2026-03-01T00:00:00Z")));
        // When u-1 hosts 90 + 60 = 150 minutes and u-2 hosts 80 minutes in March
        meeting(ended("m-1", "u-1", at("2026-03-02T09:00:00Z"), 90));
        meeting(ended("m-2", "u-1", at("2026-03-03T09:00:00Z"), 60));
        meeting(ended("m-3", "u-2", at("2026-03-04T09:00:00Z"), 80));

        // Then PRO's usage is 230 minutes
        assertUsage(
                driver.table(driver.topics().output(UsageByProductOutput.INSTANCE)),
                "PRO",
                MEETING_MINUTES,
                "2026-03",
                "230.00");
        // but only u-1 is over: 50 minutes (not 230 - 100 = 130 pooled), one account, 50 × 0.25 = 12.50
        assertOverage(
                driver.table(driver.topics().output(OverageOutput.INSTANCE)),
                "PRO",
                MEETING_MINUTES,
                "2026-03",
                "50.00",
                1,
                "12.50");
    }

    @Test
    void shouldLowerTheOverageWhenACorrectedMeetingIsShorter() {
        // Given PRO includes 100 meeting minutes at 0.25 over, and u-1 hosted 150 minutes (50 over)
        catalog(PlanType.PRO, MEETING_MINUTES, 100, "0.25");
        driver.send(driver.topics().users, "u-1", user("u-1", PlanType.PRO, at("2026-03-01T00:00:00Z")));
        meeting(ended("m-1", "u-1", at("2026-03-02T09:00:00Z"), 150));
        assertOverage(
                driver.table(driver.topics().output(OverageOutput.INSTANCE)),
                "PRO",
                MEETING_MINUTES,
                "2026-03",
                "50.00",
                1,
                "12.50");
        // When the meeting is corrected to 90 minutes
        meeting(ended("m-1", "u-1", at("2026-03-02T09:00:00Z"), 90, at("2026-03-02T20:00:00Z")));
        // Then the usage is 90 and nobody is over
        assertUsage(
                driver.table(driver.topics().output(UsageByProductOutput.INSTANCE)),
                "PRO",
                MEETING_MINUTES,
                "2026-03",
                "90.00");
        assertOverage(
                driver.table(driver.topics().output(OverageOutput.INSTANCE)),
                "PRO",
                MEETING_MINUTES,
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
}
