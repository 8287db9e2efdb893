package io.zoommetering.app.http;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.zoommetering.avro.common.PeriodType;
import io.zoommetering.avro.gold.PeriodKey;
import io.zoommetering.avro.gold.PlanMonthKey;
import io.zoommetering.avro.gold.ProductMeterKey;
import io.zoommetering.topology.time.Periods;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * The headline KPIs of the current day, ISO week and month as gauges, for dashboards: active users, meeting
 * minutes, MRR and churn per plan, overage per product and meter, each product's usage by weekday and hour (a
 * running total, so always current), and the rates of the outputs keyed by a name and
 * a period (feature adoption, ticket resolution, license utilization, uptime) per name and period
 * ({@code zoom_metering_kpi_*}). Each instance knows the
 * gold keys its own combiners own, so a dashboard takes the max (or sum) over instances. A gauge reads the key of
 * the period current at scrape time, so it starts again from 0 when a new day begins. The gold topics are the
 * exact record; these follow the rows as they are written, aborted transactions included.
 */
final class GoldKpiGauges {

    private static final List<PeriodType> PERIODS = Periods.CALENDAR;
    private static final String ACTIVE_USERS = "active-users";
    private static final String MEETING_MINUTES = "meeting-minutes";
    private static final String MRR = "mrr";
    private static final String OVERAGE = "overage";
    private static final String CHURN = "churn";
    /** A running total over all time: every key is current. */
    private static final String PRODUCT_USAGE_PROFILE = "product-usage-profile";
    /** The outputs keyed by (a name, period_type, activity_date) whose rate is a gauge per name and period. */
    private static final List<NamedRate> NAMED_RATES = List.of(
            new NamedRate("feature-adoption", "feature_name", "adoption_rate", "feature", "feature adoption (%)"),
            new NamedRate("ticket-resolution", "ticket_type", "resolution_rate", "ticket_type", "tickets resolved (%)"),
            new NamedRate(
                    "license-utilization",
                    "license_type",
                    "utilization_rate",
                    "license_type",
                    "license utilization (%)"),
            new NamedRate("uptime", "component", "uptime_pct", "component", "uptime (%)"));
    /** The figure each gauge shows, by output name: a field of the output's value in the contract (SPEC 3). */
    private static final Map<String, String> FIGURES = figures();

    private final MeterRegistry registry;
    private final String application;
    private final Periods periods;
    private final Clock clock;
    private final Map<Slot, Number> latest = new ConcurrentHashMap<>();
    private final Set<String> registered = ConcurrentHashMap.newKeySet();

    GoldKpiGauges(MeterRegistry registry, String application, Periods periods, Clock clock) {
        this.registry = registry;
        this.application = application;
        this.periods = periods;
        this.clock = clock;
        for (PeriodType period : PERIODS) {
            gauge(
                    "zoom.metering.kpi.active.users",
                    "Distinct active users in the current period",
                    () -> current(ACTIVE_USERS, period),
                    "period",
                    period.name());
            gauge(
                    "zoom.metering.kpi.meeting.minutes",
                    "Meeting minutes of ended meetings in the current period",
                    () -> current(MEETING_MINUTES, period),
                    "period",
                    period.name());
        }
        registerMrr("ALL");
    }

    void written(String output, SpecificRecord key, SpecificRecord value) {
        Number figure = figure(output, value);
        Slot slot = new Slot(output, key);
        if (figure == null) {
            latest.remove(slot);
        } else if (isRecent(key) || output.equals(PRODUCT_USAGE_PROFILE)) {
            latest.put(slot, figure);
        }
        if (key instanceof PlanMonthKey month && output.equals(MRR)) {
            registerMrr(month.getPlanType());
        } else if (key instanceof PlanMonthKey month && output.equals(CHURN)) {
            registerChurn(month.getPlanType());
        } else if (namedRate(output) != null) {
            registerNamedRate(namedRate(output), key);
        } else if (output.equals(PRODUCT_USAGE_PROFILE)) {
            registerProductUsage(key);
        } else if (key instanceof ProductMeterKey product && output.equals(OVERAGE)) {
            String id = "overage/" + product.getPlanType() + "/" + product.getMeter();
            if (registered.add(id)) {
                gauge(
                        "zoom.metering.kpi.overage",
                        "Units over the included quantities this month, per product",
                        () -> latestOf(new Slot(
                                OVERAGE, new ProductMeterKey(product.getPlanType(), product.getMeter(), thisMonth()))),
                        "plan",
                        product.getPlanType(),
                        "meter",
                        product.getMeter());
            }
        }
    }

    /** One gauge per product, meter, weekday and hour: at most 7 x 3 x 168 series, for the day x hour heat map. */
    private void registerProductUsage(SpecificRecord key) {
        GenericRecord fields = (GenericRecord) key;
        String plan = String.valueOf(fields.get("plan_type"));
        String meter = String.valueOf(fields.get("meter"));
        String day = String.valueOf(fields.get("day_of_week"));
        String hour = String.valueOf(fields.get("hour_of_day"));
        if (registered.add(String.join("/", PRODUCT_USAGE_PROFILE, plan, meter, day, hour))) {
            gauge(
                    "zoom.metering.kpi.product.usage",
                    "Usage of a product by ISO weekday (1 = Monday) and hour of the day, over all time",
                    () -> latestOf(new Slot(PRODUCT_USAGE_PROFILE, key)),
                    "plan",
                    plan,
                    "meter",
                    meter,
                    "day_of_week",
                    day,
                    "hour",
                    hour);
        }
    }

    private void registerMrr(String plan) {
        if (registered.add("mrr/" + plan)) {
            gauge(
                    "zoom.metering.kpi.mrr",
                    "Monthly recurring revenue of the current month",
                    () -> latestOf(new Slot(MRR, new PlanMonthKey(plan, thisMonth()))),
                    "plan",
                    plan);
        }
    }

    private void registerChurn(String plan) {
        if (registered.add("churn/" + plan)) {
            gauge(
                    "zoom.metering.kpi.churn.rate",
                    "Churn rate of the current month (%): accounts paying last month and not this one",
                    () -> latestOf(new Slot(CHURN, new PlanMonthKey(plan, thisMonth()))),
                    "plan",
                    plan);
        }
    }

    private void registerNamedRate(NamedRate rate, SpecificRecord key) {
        String name = String.valueOf(((GenericRecord) key).get(rate.keyField()));
        PeriodType period = (PeriodType) ((GenericRecord) key).get("period_type");
        if (registered.add(rate.output() + "/" + name + "/" + period)) {
            gauge(
                    "zoom.metering.kpi." + rate.output().replace('-', '.'),
                    "The current period's " + rate.description(),
                    () -> latestOf(new Slot(rate.output(), currentKey(key, period))),
                    rate.tag(),
                    name,
                    "period",
                    period.name());
        }
    }

    /** The key like the given one, of the period of its type current at scrape time. */
    private SpecificRecord currentKey(SpecificRecord key, PeriodType period) {
        SpecificRecord current = SpecificData.get().deepCopy(key.getSchema(), key);
        current.put(current.getSchema().getField("activity_date").pos(), periods.periodStart(period, clock.instant()));
        return current;
    }

    private static NamedRate namedRate(String output) {
        return NAMED_RATES.stream()
                .filter(rate -> rate.output().equals(output))
                .findFirst()
                .orElse(null);
    }

    private static Map<String, String> figures() {
        Map<String, String> figures = new HashMap<>(Map.of(
                ACTIVE_USERS,
                "active_user_count",
                MEETING_MINUTES,
                "total_meeting_minutes",
                MRR,
                "monthly_recurring_revenue",
                OVERAGE,
                "overage",
                CHURN,
                "churn_rate",
                PRODUCT_USAGE_PROFILE,
                "usage"));
        NAMED_RATES.forEach(rate -> figures.put(rate.output(), rate.valueField()));
        return Map.copyOf(figures);
    }

    private static Number figure(String output, SpecificRecord value) {
        String field = FIGURES.get(output);
        return field == null || value == null ? null : (Number) ((GenericRecord) value).get(field);
    }

    /** Only keys of this month or the last are kept, so the map stays small however long the process runs. */
    private boolean isRecent(SpecificRecord key) {
        Object activityDate =
                key.getSchema().getField("activity_date") == null ? null : ((GenericRecord) key).get("activity_date");
        String month = activityDate instanceof LocalDate date
                ? YearMonth.from(date).toString()
                : key instanceof PlanMonthKey plan
                        ? plan.getActivityMonth()
                        : key instanceof ProductMeterKey product ? product.getActivityMonth() : null;
        return month != null
                && month.compareTo(YearMonth.parse(thisMonth()).minusMonths(1).toString()) >= 0;
    }

    private double current(String output, PeriodType period) {
        LocalDate start = periods.periodStart(period, clock.instant());
        return latestOf(new Slot(output, new PeriodKey(period, start)));
    }

    private double latestOf(Slot slot) {
        Number value = latest.get(slot);
        return value == null ? 0 : value.doubleValue();
    }

    private String thisMonth() {
        return periods.month(clock.instant()).toString();
    }

    private void gauge(String name, String description, Supplier<Number> value, String... tags) {
        Gauge.builder(name, value)
                .description(description)
                .tag("application", application)
                .tags(tags)
                .register(registry);
    }

    /** An output keyed by (keyField, period_type, activity_date) whose valueField is a rate shown per name. */
    private record NamedRate(String output, String keyField, String valueField, String tag, String description) {}

    /** A gold key within its output: PeriodKey is the key of two outputs. */
    private record Slot(String output, SpecificRecord key) {}
}
