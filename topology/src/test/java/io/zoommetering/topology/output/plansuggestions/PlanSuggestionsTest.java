package io.zoommetering.topology.output.plansuggestions;

import static io.zoommetering.topology.Events.at;
import static io.zoommetering.topology.Events.billing;
import static io.zoommetering.topology.Events.ended;
import static io.zoommetering.topology.Events.user;
import static org.assertj.core.api.Assertions.assertThat;

import io.zoommetering.avro.billing.BillingEventType;
import io.zoommetering.avro.billing.Plan;
import io.zoommetering.avro.common.PlanType;
import io.zoommetering.avro.gold.PlanSuggestion;
import io.zoommetering.avro.gold.PlanSuggestionKey;
import io.zoommetering.avro.usage.Meeting;
import io.zoommetering.topology.Events;
import io.zoommetering.topology.GoldDriver;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * gold.plan-suggestions over November 2025 to January 2026, closed once stream time reaches 2026-02-02 (the month
 * end plus the 24 h grace). The catalog: FREE 0.00 with 40 meeting minutes, BASIC 10.00 with 200 and 0.50 a minute
 * over, PRO 30.00 with 1,000 and 0.10 over, BUSINESS 100.00 with 5,000 and 0.05 over.
 */
class PlanSuggestionsTest {

    private static final String MEETING_MINUTES = "meeting_minutes";
    private static final String JANUARY = "2026-01";
    private static final Instant JANUARY_CLOSES = at("2026-02-02T00:00:00Z");

    private final GoldDriver driver = new GoldDriver();
    private int meetings;

    @AfterEach
    void close() {
        driver.close();
    }

    @BeforeEach
    void catalog() {
        product(PlanType.FREE, "0.00", 40, "0.00");
        product(PlanType.BASIC, "10.00", 200, "0.50");
        product(PlanType.PRO, "30.00", 1_000, "0.10");
        product(PlanType.BUSINESS, "100.00", 5_000, "0.05");
    }

    @Test
    void shouldSuggestAHigherPlanOnceTheThirdMonthOfRepeatedOverageCloses() {
        // Given u-1 on BASIC uses 300 minutes in November, 50 in December and 400 in January
        profile("u-1", PlanType.BASIC);
        minutes("u-1", "2025-11-10T09:00:00Z", 300);
        minutes("u-1", "2025-12-10T09:00:00Z", 50);
        minutes("u-1", "2026-01-10T09:00:00Z", 400);
        // When stream time reaches the last instant before January closes
        tick(JANUARY_CLOSES.minusMillis(1));
        // Then nothing is suggested yet (December's window has overage in one month only)
        assertThat(suggestions()).isEmpty();

        // When January closes
        tick(JANUARY_CLOSES);
        // Then PRO is suggested: BASIC costs (60 + 10 + 110) / 3 = 60.00 a month at this usage, PRO 30.00
        assertThat(suggestions())
                .containsOnlyKeys(new PlanSuggestionKey("u-1", JANUARY))
                .extractingByKey(new PlanSuggestionKey("u-1", JANUARY))
                .satisfies(suggestion ->
                        assertSuggestion(suggestion, "REPEATED_OVERAGE", "BASIC", "PRO", "60.00", "30.00", "30.00"));
    }

    @Test
    void shouldNotSuggestWhenOverageIsInOneMonthOnlyOrNoHigherPlanCostsLess() {
        // Given u-3 on BASIC is over in January alone, and u-4 on BASIC is a little over in December and January
        profile("u-3", PlanType.BASIC);
        profile("u-4", PlanType.BASIC);
        minutes("u-3", "2026-01-10T09:00:00Z", 900);
        minutes("u-4", "2025-12-10T09:00:00Z", 220);
        minutes("u-4", "2026-01-10T09:00:00Z", 220);
        // When January closes
        tick(JANUARY_CLOSES);
        // Then neither has a suggestion: u-4 pays (10 + 20 + 20) / 3 = 16.67 a month on BASIC, under PRO's 30.00
        assertThat(suggestions()).isEmpty();
    }

    @Test
    void shouldDeleteASuggestionThatACorrectionAfterTheCloseMakesFail() {
        // Given u-1's repeated overage made PRO the suggestion for January
        profile("u-1", PlanType.BASIC);
        minutes("u-1", "2025-11-10T09:00:00Z", 300);
        minutes("u-1", "2025-12-10T09:00:00Z", 50);
        Meeting january = minutes("u-1", "2026-01-10T09:00:00Z", 400);
        tick(JANUARY_CLOSES);
        assertThat(suggestions()).containsKey(new PlanSuggestionKey("u-1", JANUARY));

        // When, after the close, its duplicate arrives and then a correction of January's meeting to 50 minutes
        meeting(january);
        meeting(Meeting.newBuilder(ended(january.getMeetingId(), "u-1", january.getStartTime(), 50))
                .setEventTime(at("2026-02-03T00:00:00Z"))
                .build());
        // Then the suggestion is deleted: only November is over now
        assertThat(suggestions()).isEmpty();

        // When an older state of the meeting (400 minutes again) arrives later still: it changes nothing
        meeting(Meeting.newBuilder(ended(january.getMeetingId(), "u-1", january.getStartTime(), 400))
                .setEventTime(at("2026-02-02T12:00:00Z"))
                .build());
        assertThat(suggestions()).isEmpty();
    }

    @Test
    void shouldSuggestACheaperPlanThatCoversThePeakOfAPayingAccountUsingUnderAFifth() {
        // Given u-5 on PRO pays 90.00 for November to January, and uses 100, 150 and 80 minutes (under 200, 20%)
        profile("u-5", PlanType.PRO);
        pays("u-5", "90.00", "2025-11-01", "2026-01-31");
        minutes("u-5", "2025-11-10T09:00:00Z", 100);
        minutes("u-5", "2025-12-10T09:00:00Z", 150);
        minutes("u-5", "2026-01-10T09:00:00Z", 80);
        // When stream time reaches the last instant before January closes, then January closes
        tick(JANUARY_CLOSES.minusMillis(1));
        assertThat(suggestions()).isEmpty();
        tick(JANUARY_CLOSES);
        // Then BASIC is suggested, the cheapest plan including the peak of 150 minutes (FREE includes 40)
        assertThat(suggestions())
                .containsOnlyKeys(new PlanSuggestionKey("u-5", JANUARY))
                .extractingByKey(new PlanSuggestionKey("u-5", JANUARY))
                .satisfies(suggestion ->
                        assertSuggestion(suggestion, "UNDER_USE", "PRO", "BASIC", "30.00", "10.00", "20.00"));
    }

    @Test
    void shouldNotSuggestACheaperPlanWhenAMonthReachesAFifthOrIsNotPaid() {
        // Given u-6 on PRO pays for the three months but uses 200 minutes (exactly 20%) in December
        profile("u-6", PlanType.PRO);
        pays("u-6", "90.00", "2025-11-01", "2026-01-31");
        minutes("u-6", "2025-11-10T09:00:00Z", 100);
        minutes("u-6", "2025-12-10T09:00:00Z", 200);
        minutes("u-6", "2026-01-10T09:00:00Z", 80);
        // and u-7 on PRO uses little but paid for November and December only
        profile("u-7", PlanType.PRO);
        pays("u-7", "60.00", "2025-11-01", "2025-12-31");
        minutes("u-7", "2025-11-10T09:00:00Z", 10);
        // When January closes
        tick(JANUARY_CLOSES);
        // Then neither has a suggestion
        assertThat(suggestions()).isEmpty();

        // When u-7 pays for January after the close (a late fee, on time by its event_time)
        driver.send(
                driver.topics().billingEvents,
                "u-7",
                billing(
                        "u-7",
                        BillingEventType.SUBSCRIPTION_RENEWAL,
                        PlanType.PRO,
                        "30.00",
                        at("2026-02-02T06:00:00Z"),
                        LocalDate.parse("2026-01-01"),
                        LocalDate.parse("2026-01-31")));
        // Then u-7 is suggested FREE, which covers its peak of 10 minutes
        assertThat(suggestions())
                .containsOnlyKeys(new PlanSuggestionKey("u-7", JANUARY))
                .extractingByKey(new PlanSuggestionKey("u-7", JANUARY))
                .satisfies(suggestion ->
                        assertSuggestion(suggestion, "UNDER_USE", "PRO", "FREE", "30.00", "0.00", "30.00"));
    }

    private void product(PlanType type, String price, long includedMinutes, String unitPrice) {
        Plan plan = Plan.newBuilder(Events.plan(
                        type, MEETING_MINUTES, includedMinutes, unitPrice, 1_000_000, at("2025-10-01T00:00:00Z")))
                .setMonthlyPrice(new BigDecimal(price))
                .build();
        driver.send(driver.topics().plans, type.name(), plan);
    }

    private void profile(String userId, PlanType plan) {
        driver.send(driver.topics().users, userId, user(userId, plan, at("2025-10-01T00:00:00Z")));
    }

    private void pays(String userId, String amount, String from, String to) {
        driver.send(
                driver.topics().billingEvents,
                userId,
                billing(
                        userId,
                        BillingEventType.SUBSCRIPTION_FEE,
                        PlanType.PRO,
                        amount,
                        at(from + "T00:00:00Z"),
                        LocalDate.parse(from),
                        LocalDate.parse(to)));
    }

    private Meeting minutes(String host, String start, int minutes) {
        Meeting meeting = ended(host + "-m-" + ++meetings, host, at(start), minutes);
        meeting(meeting);
        return meeting;
    }

    /** Moves the account task's stream time: a meeting of another account, with that event time. */
    private void tick(Instant eventTime) {
        meeting(ended("tick-" + ++meetings, "u-clock", eventTime.minusSeconds(60), 1, eventTime));
    }

    private void meeting(Meeting meeting) {
        driver.send(driver.topics().meetings, meeting.getMeetingId(), meeting);
    }

    private Map<PlanSuggestionKey, PlanSuggestion> suggestions() {
        return driver.table(driver.topics().output(PlanSuggestionsOutput.INSTANCE));
    }

    private static void assertSuggestion(
            PlanSuggestion suggestion,
            String rule,
            String current,
            String suggested,
            String currentCost,
            String suggestedCost,
            String saving) {
        assertThat(suggestion.getRule()).isEqualTo(rule);
        assertThat(suggestion.getCurrentPlan()).isEqualTo(current);
        assertThat(suggestion.getSuggestedPlan()).isEqualTo(suggested);
        assertThat(suggestion.getCurrentMonthlyCost()).isEqualTo(new BigDecimal(currentCost));
        assertThat(suggestion.getSuggestedMonthlyCost()).isEqualTo(new BigDecimal(suggestedCost));
        assertThat(suggestion.getMonthlySaving()).isEqualTo(new BigDecimal(saving));
    }
}
