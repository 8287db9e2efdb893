package io.zoommetering.tools.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zoommetering.avro.billing.BillingEvent;
import io.zoommetering.avro.billing.BillingEventType;
import io.zoommetering.avro.gold.PlanMonthKey;
import io.zoommetering.avro.usage.Meeting;
import io.zoommetering.avro.usage.User;
import io.zoommetering.tools.generator.LiveStreamTest.ManualClock;
import io.zoommetering.topology.reference.ExpectedError;
import io.zoommetering.topology.reference.GoldReference;
import io.zoommetering.topology.reference.ReferenceSettings;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The demo's traffic: a history of 35 days, then the live stream of the same accounts. Judged by the batch reference
 * of the topology's tests as the processor would judge it: no record of the history is late or expired, and the
 * figures of the current month are those of a running business (paying accounts, a positive MRR).
 */
@Timeout(180)
class BackfilledLiveStreamTest {

    private static final Instant NOW = Instant.parse("2026-03-18T14:00:00Z");
    private static final Duration BACKFILL = Duration.ofDays(35);
    private static final int LIVE_RECORDS = 20_000;

    private static final List<GeneratedEvent> history = new ArrayList<>();
    private static final List<GeneratedEvent> live = new ArrayList<>();
    private static Instant liveFrom;
    private static Instant end;
    private static GoldReference reference;

    @BeforeAll
    static void backfillThenGoLive() {
        ManualClock clock = new ManualClock(NOW);
        LiveStream stream =
                new TrafficGenerator(GeneratorSettings.defaults()).liveEvents(clock, clock::advanceTo, BACKFILL);
        while (true) {
            GeneratedEvent event = stream.next();
            if (stream.isLive()) {
                live.add(event);
                break;
            }
            history.add(event);
        }
        liveFrom = clock.instant();
        for (int i = 1; i < LIVE_RECORDS; i++) {
            live.add(stream.next());
        }
        end = clock.instant();
        assertThat(stream.backfilled()).isEqualTo(history.size());
        List<GeneratedEvent> all = new ArrayList<>(history);
        all.addAll(live);
        reference = GoldReference.compute(TrafficGeneratorTest.inputs(all), ReferenceSettings.defaults(end));
    }

    @Test
    void theHistoryComesAtOnceAndCoversTheBackfillInEventTimeOrder() {
        assertThat(liveFrom).as("no record of the history waited for the clock").isEqualTo(NOW);
        assertThat(history).hasSizeGreaterThan(10_000);
        List<Instant> times = regularTimes(history);
        assertThat(times.get(0)).isBetween(NOW.minus(BACKFILL).minus(Duration.ofHours(1)), NOW.minus(BACKFILL));
        assertThat(times.get(times.size() - 1)).isBetween(NOW.minus(Duration.ofHours(1)), NOW);
        assertThat(times).isSorted();
        assertThat(live.subList(1, live.size()))
                .as("the live stream does not publish the catalog again")
                .noneMatch(event -> event.kind() == EventKind.CATALOG);
    }

    @Test
    void noRecordIsLateOrExpiredButThoseMeantToBe() {
        // The processor judges lateness per input partition against the greatest event time so far; produced in
        // this order, the history and the live records after it count, and only the mischief is rejected.
        List<GeneratedEvent> all = new ArrayList<>(history);
        all.addAll(live);
        List<ExpectedError> expected = new ArrayList<>();
        Map<String, Long> offsets = new HashMap<>();
        for (GeneratedEvent event : all) {
            long offset = offsets.merge(event.record().topic(), 1L, Long::sum) - 1;
            String error = switch (event.kind()) {
                case LATE -> "LATE_EVENT";
                case INVALID -> "VALIDATION";
                case GARBAGE -> "DESERIALIZATION";
                default -> null;
            };
            if (error != null) {
                expected.add(new ExpectedError(event.record().topic(), offset, error));
            }
        }
        assertThat(reference.errors()).containsExactlyElementsOf(expected);
    }

    @Test
    void theLiveStreamContinuesTheAccountsOfTheHistory() {
        Set<String> profiled = new HashSet<>();
        for (GeneratedEvent event : history) {
            if (event.record().value() instanceof User user) {
                profiled.add(user.getUserId());
            }
        }
        Set<String> liveHosts = new HashSet<>();
        for (GeneratedEvent event : live) {
            if (event.record().value() instanceof Meeting meeting) {
                liveHosts.add(meeting.getHostUserId());
            }
        }
        assertThat(liveHosts).isNotEmpty();
        assertThat(profiled).containsAll(liveHosts);
    }

    @Test
    void noCreditComesBeforeTheChargeItCredits() {
        // Every account that gets a downgrade credit or a refund was charged (fee, renewal or upgrade) before it.
        Set<String> charged = new HashSet<>();
        List<GeneratedEvent> all = new ArrayList<>(history);
        all.addAll(live);
        int credits = 0;
        for (GeneratedEvent event : all) {
            if (event.kind() != EventKind.REGULAR || !(event.record().value() instanceof BillingEvent billing)) {
                continue;
            }
            BillingEventType type = billing.getEventType();
            if (type == BillingEventType.DOWNGRADE || type == BillingEventType.REFUND) {
                assertThat(charged).as("%s of %s", type, billing.getUserId()).contains(billing.getUserId());
                credits++;
            } else if (type != BillingEventType.ADD_ON_PURCHASE) {
                charged.add(billing.getUserId());
            }
        }
        assertThat(credits).isPositive();
    }

    @Test
    void theCurrentMonthHasPayingAccountsAndAPositiveMrr() {
        String month = YearMonth.from(end.atZone(ZoneOffset.UTC)).toString();
        Map<String, Object> mrr = reference.table("gold.mrr").get(new PlanMonthKey("ALL", month));
        assertThat(mrr).isNotNull();
        assertThat((BigDecimal) mrr.get("monthly_recurring_revenue")).isPositive();
        assertThat((Long) mrr.get("paying_accounts")).isGreaterThan(20L);
    }

    @Test
    void aLiveStreamWithoutHistoryStartsWithTheChargesOfTheCyclesInProgress() {
        // The symptom of a demo without history: a credit before any fee, MRR below zero with no paying account.
        ManualClock clock = new ManualClock(NOW);
        LiveStream stream =
                new TrafficGenerator(GeneratorSettings.defaults()).liveEvents(clock, clock::advanceTo, Duration.ZERO);
        List<GeneratedEvent> events = new ArrayList<>();
        for (int i = 0; i < 30_000; i++) {
            events.add(stream.next());
        }
        assertThat(stream.isLive()).isTrue();
        GoldReference liveOnly =
                GoldReference.compute(TrafficGeneratorTest.inputs(events), ReferenceSettings.defaults(clock.instant()));
        Map<String, Object> mrr = liveOnly.table("gold.mrr").get(new PlanMonthKey("ALL", "2026-03"));
        assertThat((BigDecimal) mrr.get("monthly_recurring_revenue")).isPositive();
        assertThat((Long) mrr.get("paying_accounts")).isPositive();
    }

    @Test
    void aNegativeBackfillIsRefused() {
        ManualClock clock = new ManualClock(NOW);
        TrafficGenerator generator = new TrafficGenerator(GeneratorSettings.defaults());
        assertThatThrownBy(() -> generator.liveEvents(clock, clock::advanceTo, Duration.ofDays(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Event times of the regular records, in stream order. */
    private static List<Instant> regularTimes(List<GeneratedEvent> events) {
        List<Instant> times = new ArrayList<>();
        for (GeneratedEvent event : events) {
            if (event.kind() == EventKind.REGULAR) {
                times.add(TrafficGeneratorTest.eventTime(event.record()));
            }
        }
        return times;
    }
}
