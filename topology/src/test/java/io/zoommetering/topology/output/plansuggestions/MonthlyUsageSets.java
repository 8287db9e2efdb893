package io.zoommetering.topology.output.plansuggestions;

import io.zoommetering.avro.billing.BillingEventType;
import io.zoommetering.avro.billing.Plan;
import io.zoommetering.avro.common.PlanType;
import io.zoommetering.avro.usage.Meeting;
import io.zoommetering.topology.Events;
import io.zoommetering.topology.reference.InputRecord;
import io.zoommetering.topology.reference.Topics;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;

/**
 * Random six-month histories (September 2025 to February 2026) of a few accounts, made for the plan suggestions:
 * each account-month's usage is low (under a fifth of most plans' inclusions), middling or high (over), fees are
 * paid for most months, some accounts change plan, and corrections (some after the month closed), duplicates,
 * out-of-order and late records are mixed in. The catalog comes first, and every record is in event-time order but
 * the shuffled and late ones, so each profile is processed before the month it starts in closes.
 */
final class MonthlyUsageSets {

    private static final YearMonth FIRST = YearMonth.of(2025, 9);
    private static final int MONTHS = 6;
    private static final Instant CATALOG_TIME = Instant.parse("2025-08-20T00:00:00Z");
    private static final List<PlanType> PLANS = List.of(PlanType.FREE, PlanType.BASIC, PlanType.PRO, PlanType.BUSINESS);

    private final Random random;
    private final List<InputRecord> body = new ArrayList<>();
    private int meetings;

    private MonthlyUsageSets(long seed) {
        this.random = new Random(seed);
    }

    static List<InputRecord> generate(long seed) {
        return new MonthlyUsageSets(seed).history();
    }

    private List<InputRecord> history() {
        List<InputRecord> records = new ArrayList<>(catalog());
        int accounts = 3 + random.nextInt(4);
        for (int i = 0; i < accounts; i++) {
            account("a-" + i);
        }
        body.sort(Comparator.comparing(MonthlyUsageSets::eventTime));
        mischief();
        records.addAll(body);
        // Stream time past the close of February (2026-03-02).
        records.add(meeting(Events.ended("clock", "a-clock", Instant.parse("2026-03-04T00:00:00Z"), 1)));
        return List.copyOf(records);
    }

    private List<InputRecord> catalog() {
        return List.of(
                product(PlanType.FREE, "0.00", 40, 10, "0.00"),
                product(PlanType.BASIC, "10.00", 200, 60, "0.50"),
                product(PlanType.PRO, "30.00", 1_000, 300, "0.10"),
                product(PlanType.BUSINESS, "100.00", 5_000, 1_000, "0.05"));
    }

    private void account(String id) {
        PlanType plan = PLANS.get(random.nextInt(PLANS.size()));
        body.add(InputRecord.of(
                Topics.USERS,
                id,
                Events.user(
                        id, plan, FIRST.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant())));
        for (int m = 0; m < MONTHS; m++) {
            YearMonth month = FIRST.plusMonths(m);
            if (random.nextInt(8) == 0) {
                plan = PLANS.get(random.nextInt(PLANS.size()));
                body.add(InputRecord.of(Topics.USERS, id, Events.user(id, plan, time(month))));
            }
            if (plan != PlanType.FREE && random.nextInt(6) != 0) {
                LocalDate start = month.atDay(1);
                body.add(InputRecord.of(
                        Topics.BILLING_EVENTS,
                        id,
                        Events.billing(
                                id,
                                BillingEventType.SUBSCRIPTION_FEE,
                                plan,
                                random.nextInt(5) == 0 ? "0.00" : "30.00",
                                start.atStartOfDay(ZoneOffset.UTC).toInstant(),
                                start,
                                month.atEndOfMonth())));
            }
            usage(id, month);
        }
    }

    /** Low, middling or high use of the month, over one to three meetings and maybe a recording. */
    private void usage(String account, YearMonth month) {
        int level = random.nextInt(3);
        int total = switch (level) {
            case 0 -> random.nextInt(150);
            case 1 -> 150 + random.nextInt(150);
            default -> 300 + random.nextInt(1_500);
        };
        int parts = 1 + random.nextInt(3);
        for (int p = 0; p < parts; p++) {
            Meeting meeting = Events.ended(account + "-m-" + ++meetings, account, time(month), total / parts);
            body.add(meeting(meeting));
            if (random.nextInt(6) == 0) {
                // A correction, up to two days later: after the month's close when the meeting was near its end.
                Instant at = meeting.getEventTime().plusSeconds(random.nextInt(2 * 86_400));
                body.add(meeting(Events.ended(
                        meeting.getMeetingId(), account, meeting.getStartTime(), random.nextInt(2 * total + 1), at)));
            }
        }
        if (random.nextInt(4) == 0) {
            body.add(InputRecord.of(
                    Topics.FEATURE_USAGE,
                    account,
                    Events.feature(account, "RECORDING", random.nextInt(40 * 60 * 60), time(month))));
        }
    }

    /** Duplicates, a few records moved back by up to the grace period, and late ones (beyond it). */
    private void mischief() {
        for (int i = 0; i < 3; i++) {
            // A producer's retry, a few records after the original.
            int original = random.nextInt(body.size());
            body.add(Math.min(body.size(), original + 1 + random.nextInt(5)), body.get(original));
        }
        for (int i = 0; i < body.size() - 1; i++) {
            if (random.nextInt(10) == 0
                    && Duration.between(eventTime(body.get(i)), eventTime(body.get(i + 1)))
                                    .toHours()
                            < 20) {
                body.add(i, body.remove(i + 1));
            }
        }
        for (int i = 0; i < 2; i++) {
            int at = body.size() / 2 + random.nextInt(body.size() / 2);
            Instant now = eventTime(body.get(at));
            body.add(at, meeting(Events.ended("late-" + ++meetings, "a-0", now.minus(Duration.ofDays(3)), 500)));
        }
    }

    private InputRecord product(PlanType type, String price, long minutes, long recording, String unitPrice) {
        Plan plan = Events.plan(
                type,
                Map.of("meeting_minutes", minutes, "recording_minutes", recording),
                Map.of("meeting_minutes", new BigDecimal(unitPrice), "recording_minutes", new BigDecimal(unitPrice)),
                Map.of(),
                CATALOG_TIME);
        plan.setMonthlyPrice(new BigDecimal(price));
        return InputRecord.of(Topics.PLANS, type.name(), plan);
    }

    private static InputRecord meeting(Meeting meeting) {
        return InputRecord.of(Topics.MEETINGS, meeting.getMeetingId(), meeting);
    }

    private Instant time(YearMonth month) {
        long seconds = Duration.between(
                        month.atDay(1).atStartOfDay(ZoneOffset.UTC),
                        month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC))
                .toSeconds();
        return month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(random.nextLong(seconds));
    }

    private static Instant eventTime(InputRecord record) {
        SpecificRecord value = record.value();
        return (Instant) ((GenericRecord) value).get("event_time");
    }
}
