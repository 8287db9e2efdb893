package io.zoommetering.app.http;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.zoommetering.avro.common.PeriodType;
import io.zoommetering.avro.gold.ActiveUsers;
import io.zoommetering.avro.gold.MeetingMinutes;
import io.zoommetering.avro.gold.Mrr;
import io.zoommetering.avro.gold.Overage;
import io.zoommetering.avro.gold.PeriodKey;
import io.zoommetering.avro.gold.PlanMonthKey;
import io.zoommetering.avro.gold.ProductMeterKey;
import io.zoommetering.topology.time.Periods;
import io.zoommetering.topology.topics.TopicId;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecord;

/**
 * The headline KPIs of the current day, ISO week and month as gauges, for dashboards: active users, meeting
 * minutes, MRR per plan and overage per product and meter ({@code zoom_metering_kpi_*}). Each instance knows the
 * gold keys its own combiners own, so a dashboard takes the max (or sum) over instances. A gauge reads the key of
 * the period current at scrape time, so it starts again from 0 when a new day begins. The gold topics are the
 * exact record; these follow the rows as they are written, aborted transactions included.
 */
final class GoldKpiGauges {

    private static final List<PeriodType> PERIODS = Periods.CALENDAR;

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
            gauge("zoom.metering.kpi.active.users", "Distinct active users in the current period",
                    () -> current(TopicId.ACTIVE_USERS, period), "period", period.name());
            gauge("zoom.metering.kpi.meeting.minutes", "Meeting minutes of ended meetings in the current period",
                    () -> current(TopicId.MEETING_MINUTES, period), "period", period.name());
        }
        registerMrr("ALL");
    }

    void written(TopicId output, SpecificRecord key, SpecificRecord value) {
        Number figure = figure(value);
        Slot slot = new Slot(output, key);
        if (figure == null) {
            latest.remove(slot);
        } else if (isRecent(key)) {
            latest.put(slot, figure);
        }
        if (key instanceof PlanMonthKey month && output == TopicId.MRR) {
            registerMrr(month.getPlanType());
        } else if (key instanceof ProductMeterKey product && output == TopicId.OVERAGE) {
            String id = "overage/" + product.getPlanType() + "/" + product.getMeter();
            if (registered.add(id)) {
                gauge("zoom.metering.kpi.overage", "Units over the included quantities this month, per product",
                        () -> latestOf(new Slot(TopicId.OVERAGE, new ProductMeterKey(product.getPlanType(),
                                product.getMeter(), thisMonth()))), "plan", product.getPlanType(),
                        "meter", product.getMeter());
            }
        }
    }

    private void registerMrr(String plan) {
        if (registered.add("mrr/" + plan)) {
            gauge("zoom.metering.kpi.mrr", "Monthly recurring revenue of the current month",
                    () -> latestOf(new Slot(TopicId.MRR, new PlanMonthKey(plan, thisMonth()))), "plan", plan);
        }
    }

    private static Number figure(SpecificRecord value) {
        if (value instanceof ActiveUsers users) {
            return users.getActiveUserCount();
        } else if (value instanceof MeetingMinutes minutes) {
            return minutes.getTotalMeetingMinutes();
        } else if (value instanceof Mrr mrr) {
            return mrr.getMonthlyRecurringRevenue();
        } else if (value instanceof Overage overage) {
            return overage.getOverage();
        }
        return null;
    }

    /** Only keys of this month or the last are kept, so the map stays small however long the process runs. */
    private boolean isRecent(SpecificRecord key) {
        String month = key instanceof PeriodKey period ? YearMonth.from(period.getActivityDate()).toString()
                : key instanceof PlanMonthKey plan ? plan.getActivityMonth()
                : key instanceof ProductMeterKey product ? product.getActivityMonth() : null;
        return month != null && month.compareTo(YearMonth.parse(thisMonth()).minusMonths(1).toString()) >= 0;
    }

    private double current(TopicId output, PeriodType period) {
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
        Gauge.builder(name, value).description(description).tag("application", application).tags(tags)
                .register(registry);
    }

    /** A gold key within its output: PeriodKey is the key of two outputs. */
    private record Slot(TopicId output, SpecificRecord key) {
    }
}
