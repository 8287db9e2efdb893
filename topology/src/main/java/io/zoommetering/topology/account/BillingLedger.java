package io.zoommetering.topology.account;

import io.zoommetering.avro.billing.BillingEvent;
import io.zoommetering.avro.billing.BillingEventType;
import io.zoommetering.avro.common.PeriodType;
import io.zoommetering.avro.internal.AggregateKey;
import io.zoommetering.topology.aggregate.AggregateKeys;
import io.zoommetering.topology.aggregate.Measure;
import io.zoommetering.topology.money.Fraction;
import io.zoommetering.topology.money.ServicePeriods;
import io.zoommetering.topology.time.Periods;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.state.KeyValueStore;

import static io.zoommetering.topology.aggregate.MeasureSets.fromAvro;
import static io.zoommetering.topology.aggregate.MeasureSets.toAvro;

/**
 * Revenue by event time, and recurring revenue spread over service periods (SPEC "Recurring revenue"). Each
 * account's net share per month and plan is kept exact, because "paying" means that net share is above zero.
 */
final class BillingLedger {

    private static final Set<BillingEventType> SUBTRACTING = EnumSet.of(BillingEventType.REFUND,
            BillingEventType.DOWNGRADE);
    private static final Set<BillingEventType> RECURRING = EnumSet.of(BillingEventType.SUBSCRIPTION_FEE,
            BillingEventType.SUBSCRIPTION_RENEWAL, BillingEventType.UPGRADE, BillingEventType.DOWNGRADE,
            BillingEventType.REFUND);

    private final KeyValueStore<String, io.zoommetering.avro.internal.Fraction> netShares;
    private final Map<String, BigDecimal> currencyRates;
    private final PartialAggregates partials;
    private final Periods periods;

    BillingLedger(KeyValueStore<String, io.zoommetering.avro.internal.Fraction> netShares,
                  Map<String, BigDecimal> currencyRates, PartialAggregates partials, Periods periods) {
        this.netShares = netShares;
        this.currencyRates = currencyRates;
        this.partials = partials;
        this.periods = periods;
    }

    void record(BillingEvent event) {
        String plan = event.getPlanType().name();
        Fraction amount = Fraction.of(event.getAmount()).times(Fraction.of(currencyRates.get(event.getCurrency())));
        Fraction signed = SUBTRACTING.contains(event.getEventType()) ? amount.negate() : amount;
        for (PeriodType type : Periods.CALENDAR) {
            AggregateKey key = AggregateKeys.revenue(plan, type, periods.periodStart(type, event.getEventTime()));
            partials.addAmount(key, Measure.REVENUE, signed);
            partials.addCount(key, Measure.BILLING_EVENTS, 1);
        }
        if (RECURRING.contains(event.getEventType()) && event.getServicePeriodStart() != null) {
            int months = ServicePeriods.months(event.getServicePeriodStart(), event.getServicePeriodEnd());
            Fraction share = signed.dividedBy(months);
            YearMonth first = YearMonth.from(event.getServicePeriodStart());
            for (int i = 0; i < months; i++) {
                for (String scope : List.of(plan, AggregateKeys.ALL_PLANS)) {
                    addShare(event.getUserId(), scope, first.plusMonths(i), share);
                }
            }
        }
    }

    private void addShare(String account, String scope, YearMonth month, Fraction share) {
        String key = StoreKeys.of(account, scope, month.toString());
        io.zoommetering.avro.internal.Fraction stored = netShares.get(key);
        Fraction before = stored == null ? Fraction.ZERO : fromAvro(stored);
        Fraction after = before.plus(share);
        netShares.put(key, toAvro(after));
        AggregateKey aggregate = AggregateKeys.planMonth(scope, month);
        partials.addAmount(aggregate, Measure.MRR, share);
        partials.addCount(aggregate, Measure.RECURRING_SHARES, 1);
        partials.addCount(aggregate, Measure.PAYING_ACCOUNTS, (after.signum() > 0 ? 1 : 0) - (before.signum() > 0 ? 1 : 0));
    }
}
