package io.zoommetering.topology.reference;

import io.zoommetering.avro.billing.BillingEvent;
import io.zoommetering.avro.common.PeriodType;
import io.zoommetering.avro.gold.EventTotalsKey;
import io.zoommetering.avro.gold.PeriodKey;
import io.zoommetering.avro.gold.ProductMeterKey;
import io.zoommetering.avro.gold.RevenueKey;
import io.zoommetering.avro.usage.Meeting;
import io.zoommetering.avro.usage.MeetingStatus;
import io.zoommetering.topology.output.accountusage.AccountUsageReference;
import io.zoommetering.topology.output.billingeventtypedim.BillingEventTypeDimReference;
import io.zoommetering.topology.output.billingfact.BillingFactReference;
import io.zoommetering.topology.output.churn.ChurnReference;
import io.zoommetering.topology.output.churnrisk.ChurnRiskReference;
import io.zoommetering.topology.output.featureadoption.FeatureAdoptionReference;
import io.zoommetering.topology.output.featuredim.FeatureDimReference;
import io.zoommetering.topology.output.featureusagefact.FeatureUsageFactReference;
import io.zoommetering.topology.output.licensetypedim.LicenseTypeDimReference;
import io.zoommetering.topology.output.licenseutilization.LicenseUtilizationReference;
import io.zoommetering.topology.output.licenseutilizationfact.LicenseUtilizationFactReference;
import io.zoommetering.topology.output.meetingdim.MeetingDimReference;
import io.zoommetering.topology.output.meetingusagefact.MeetingUsageFactReference;
import io.zoommetering.topology.output.plansuggestions.PlanSuggestionsOutput;
import io.zoommetering.topology.output.plansuggestions.PlanSuggestionsReference;
import io.zoommetering.topology.output.productusageprofile.ProductUsageProfileReference;
import io.zoommetering.topology.output.signups.SignupsReference;
import io.zoommetering.topology.output.supportticketfact.SupportTicketFactReference;
import io.zoommetering.topology.output.ticketresolution.TicketResolutionReference;
import io.zoommetering.topology.output.tickettypedim.TicketTypeDimReference;
import io.zoommetering.topology.output.uptime.UptimeReference;
import io.zoommetering.topology.output.userdim.UserDimReference;
import io.zoommetering.topology.output.webinardim.WebinarDimReference;
import io.zoommetering.topology.output.webinarusagefact.WebinarUsageFactReference;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;

/**
 * The gold outputs of a list of input records, computed in batch the slow, obvious way, as the independent
 * reference the streaming topology is compared with (docs/SEMANTICS.md is what both follow).
 *
 * <p>A table maps the gold key record to the value record's fields by name, without the lineage columns
 * (load_date, update_date, source_system): longs as {@link Long}, ints as {@link Integer}, timestamps as {@link
 * java.time.Instant}, dates as {@link java.time.LocalDate}, money, usage and averages as {@link
 * java.math.BigDecimal} of scale 2 (rounded half-even), absent values as null. A key is present only while something
 * contributes to it, which is what a sink that applies the topology's upserts and tombstones holds.
 */
public final class GoldReference {

    /** The references that outputs keep in their own test packages, one line each. */
    private static final List<OutputReference> OUTPUT_REFERENCES = List.of(
            new SignupsReference(),
            new TicketResolutionReference(),
            new FeatureDimReference(),
            new FeatureAdoptionReference(),
            new LicenseUtilizationReference(),
            new UptimeReference(),
            new ChurnReference(),
            new UserDimReference(),
            new MeetingDimReference(),
            new WebinarDimReference(),
            new TicketTypeDimReference(),
            new LicenseTypeDimReference(),
            new BillingEventTypeDimReference(),
            new MeetingUsageFactReference(),
            new FeatureUsageFactReference(),
            new WebinarUsageFactReference(),
            new SupportTicketFactReference(),
            new BillingFactReference(),
            new LicenseUtilizationFactReference(),
            new ChurnRiskReference(),
            new AccountUsageReference(),
            new ProductUsageProfileReference(),
            new PlanSuggestionsReference());

    /** The gold topics {@link #table(String)} answers for. */
    public static final List<String> TABLES = Stream.concat(
                    Stream.of(
                            Topics.ACTIVE_USERS,
                            Topics.MEETING_MINUTES,
                            Topics.REVENUE,
                            Topics.MRR,
                            Topics.USAGE_BY_PRODUCT,
                            Topics.OVERAGE,
                            Topics.EVENT_TOTALS),
                    OUTPUT_REFERENCES.stream().map(OutputReference::topic))
            .toList();

    /**
     * The tables a few days of input can give rows: all but gold.plan-suggestions, which needs three complete
     * months (PlanSuggestionsPropertyTest compares it on six-month sets). A test that requires every table to have
     * rows, so that each comparison can fail, requires these.
     */
    public static final List<String> FILLED_BY_DAYS = TABLES.stream()
            .filter(table ->
                    !table.equals(PlanSuggestionsOutput.INSTANCE.topic().defaultName()))
            .toList();

    private static final List<PeriodType> EVENT_TOTAL_PERIODS = List.of(PeriodType.HOURLY, PeriodType.DAILY);

    private final Map<String, Map<SpecificRecord, Map<String, Object>>> tables = new HashMap<>();
    private final Set<ProductMeterKey> overageAlertCrossings;
    private final Map<String, StreamBalance> balances;
    private final List<ExpectedError> errors;

    private GoldReference(
            ReferenceIntake intake, BusinessState state, Periods periods, CurrencyRates rates, Duration grace) {
        Activity activity = Activity.of(state, periods);
        ProductUsage productUsage = ProductUsage.of(state, periods, rates);
        put(Topics.ACTIVE_USERS, activeUsers(activity));
        put(Topics.MEETING_MINUTES, meetingMinutes(state, activity, periods));
        put(Topics.REVENUE, revenue(state.billingEvents(), periods, rates));
        put(Topics.MRR, RecurringRevenue.table(state.billingEvents(), rates));
        put(Topics.USAGE_BY_PRODUCT, productUsage.usageTable());
        put(Topics.OVERAGE, productUsage.overageTable());
        put(Topics.EVENT_TOTALS, eventTotals(state.counted(), periods));
        List<SpecificRecord> accepted = intake.accepted().stream()
                .map(ReferenceIntake.Accepted::value)
                .filter(Objects::nonNull)
                .toList();
        ReferenceInput input = new ReferenceInput(accepted, periods.zone(), activity, rates.rates(), grace);
        for (OutputReference reference : OUTPUT_REFERENCES) {
            put(reference.topic(), reference.table(input));
        }
        this.overageAlertCrossings = Set.copyOf(productUsage.alertCrossings());
        this.balances = Map.copyOf(intake.balances());
        this.errors = intake.errors();
    }

    /** Processes the records in list order, each topic being one partition (offset = index among its records). */
    public static GoldReference compute(List<InputRecord> records, ReferenceSettings settings) {
        Periods periods = new Periods(settings.zone());
        ReferenceIntake intake = ReferenceIntake.run(records, settings);
        BusinessState state = BusinessState.replay(intake.accepted(), periods);
        return new GoldReference(intake, state, periods, new CurrencyRates(settings.currencyRates()), settings.grace());
    }

    /** The final table of one of {@link #TABLES}. */
    public Map<SpecificRecord, Map<String, Object>> table(String goldTopic) {
        Map<SpecificRecord, Map<String, Object>> table = tables.get(goldTopic);
        if (table == null) {
            throw new IllegalArgumentException("no reference for " + goldTopic + "; known: " + TABLES);
        }
        return table;
    }

    /**
     * Products (plan, meter, month) whose final overage reaches the catalog threshold. The topology raises an alert
     * the first time a product reaches it and never retracts one, so each of these must have been alerted; an alert
     * may also exist for a product whose usage fell back below its threshold later.
     */
    public Set<ProductMeterKey> overageAlertCrossings() {
        return overageAlertCrossings;
    }

    /** Per input topic (all ten, including those with no record): read, accepted, duplicates, errors by type. */
    public Map<String, StreamBalance> balances() {
        return balances;
    }

    /** Every record that goes to the error stream, in input order. */
    public List<ExpectedError> errors() {
        return errors;
    }

    private void put(String topic, Map<? extends SpecificRecord, Map<String, Object>> rows) {
        Map<SpecificRecord, Map<String, Object>> table = new LinkedHashMap<>();
        // Collections.unmodifiableMap, not Map.copyOf: nullable fields are null.
        rows.forEach((key, value) -> table.put(key, Collections.unmodifiableMap(value)));
        tables.put(topic, Collections.unmodifiableMap(table));
    }

    private static Map<PeriodKey, Map<String, Object>> activeUsers(Activity activity) {
        Map<PeriodKey, Map<String, Object>> table = new LinkedHashMap<>();
        for (PeriodKey period : activity.periods()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("active_user_count", activity.activeUserCount(period));
            table.put(period, row);
        }
        return table;
    }

    /** Over meetings whose current state is ENDED, by the periods of start_time. */
    private static Map<PeriodKey, Map<String, Object>> meetingMinutes(
            BusinessState state, Activity activity, Periods periods) {
        Map<PeriodKey, long[]> totalAndCount = new LinkedHashMap<>();
        for (Planned<Meeting> planned : state.currentMeetings().values()) {
            Meeting meeting = planned.value();
            if (meeting.getStatus() != MeetingStatus.ENDED) {
                continue;
            }
            for (PeriodKey period : periods.calendarPeriods(meeting.getStartTime())) {
                long[] sums = totalAndCount.computeIfAbsent(period, key -> new long[2]);
                sums[0] += meeting.getDurationMinutes();
                sums[1]++;
            }
        }
        Map<PeriodKey, Map<String, Object>> table = new LinkedHashMap<>();
        totalAndCount.forEach((period, sums) -> {
            long active = activity.activeUserCount(period);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("total_meeting_minutes", sums[0]);
            row.put("meeting_count", sums[1]);
            row.put("avg_meeting_minutes", Fraction.of(sums[0], sums[1]).toScale2());
            row.put(
                    "meetings_per_active_user",
                    active == 0 ? null : Fraction.of(sums[1], active).toScale2());
            table.put(period, row);
        });
        return table;
    }

    /** Per billing event's own plan and the periods of event_time; REFUND and DOWNGRADE subtract. */
    private static Map<RevenueKey, Map<String, Object>> revenue(
            List<BillingEvent> billingEvents, Periods periods, CurrencyRates rates) {
        Map<RevenueKey, Fraction> sums = new LinkedHashMap<>();
        Map<RevenueKey, Long> counts = new HashMap<>();
        for (BillingEvent event : billingEvents) {
            Fraction amount = rates.inReportingCurrency(event.getAmount(), event.getCurrency());
            Fraction signed = RecurringRevenue.subtracts(event.getEventType()) ? amount.negate() : amount;
            for (PeriodKey period : periods.calendarPeriods(event.getEventTime())) {
                RevenueKey key =
                        new RevenueKey(event.getPlanType().name(), period.getPeriodType(), period.getActivityDate());
                sums.merge(key, signed, Fraction::plus);
                counts.merge(key, 1L, Long::sum);
            }
        }
        Map<RevenueKey, Map<String, Object>> table = new LinkedHashMap<>();
        sums.forEach((key, sum) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("revenue", sum.toScale2());
            row.put("event_count", counts.get(key));
            table.put(key, row);
        });
        return table;
    }

    /** Accepted records (older upsert states included) per stream, plan, HOURLY and DAILY bucket of event_time. */
    private static Map<EventTotalsKey, Map<String, Object>> eventTotals(
            List<BusinessState.Counted> counted, Periods periods) {
        Map<EventTotalsKey, Long> counts = new LinkedHashMap<>();
        for (BusinessState.Counted record : counted) {
            for (PeriodType period : EVENT_TOTAL_PERIODS) {
                EventTotalsKey key = new EventTotalsKey(
                        record.stream(), record.plan(), period, periods.bucketStart(period, record.eventTime()));
                counts.merge(key, 1L, Long::sum);
            }
        }
        Map<EventTotalsKey, Map<String, Object>> table = new LinkedHashMap<>();
        counts.forEach((key, count) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("event_count", count);
            table.put(key, row);
        });
        return table;
    }
}
