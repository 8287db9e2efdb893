package io.zoommetering.topology.output.mrr;

import static io.zoommetering.topology.aggregate.MeasureSets.fromAvro;
import static io.zoommetering.topology.aggregate.MeasureSets.toAvro;

import io.zoommetering.avro.billing.BillingEvent;
import io.zoommetering.avro.billing.BillingEventType;
import io.zoommetering.avro.gold.PlanMonthKey;
import io.zoommetering.topology.account.AccountRecord;
import io.zoommetering.topology.account.Ledger;
import io.zoommetering.topology.account.LedgerContext;
import io.zoommetering.topology.account.PartialAggregates;
import io.zoommetering.topology.account.StoreKeys;
import io.zoommetering.topology.aggregate.GoldKeys;
import io.zoommetering.topology.money.Fraction;
import io.zoommetering.topology.money.ServicePeriods;
import io.zoommetering.topology.money.SignedAmounts;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Recurring revenue spread over service periods (SPEC "Recurring revenue"). Each account's net share per month and
 * plan is kept exact, because "paying" means that net share is above zero.
 */
final class MrrLedger implements Ledger {

    private static final Set<BillingEventType> RECURRING = EnumSet.of(
            BillingEventType.SUBSCRIPTION_FEE,
            BillingEventType.SUBSCRIPTION_RENEWAL,
            BillingEventType.UPGRADE,
            BillingEventType.DOWNGRADE,
            BillingEventType.REFUND);

    private final KeyValueStore<String, io.zoommetering.avro.internal.Fraction> netShares;
    private final Map<String, BigDecimal> currencyRates;
    private final PartialAggregates partials;

    MrrLedger(LedgerContext context) {
        this.netShares = context.store(MrrOutput.NET_SHARES);
        this.currencyRates = context.currencyRates();
        this.partials = context.partials();
    }

    @Override
    public void record(AccountRecord record) {
        if (!record.isCurrent()
                || !(record.payload() instanceof BillingEvent event)
                || !RECURRING.contains(event.getEventType())
                || event.getServicePeriodStart() == null) {
            return;
        }
        int months = ServicePeriods.months(event.getServicePeriodStart(), event.getServicePeriodEnd());
        Fraction share = SignedAmounts.of(event, currencyRates).dividedBy(months);
        YearMonth first = YearMonth.from(event.getServicePeriodStart());
        String plan = event.getPlanType().name();
        for (int i = 0; i < months; i++) {
            for (String scope : List.of(plan, GoldKeys.ALL_PLANS)) {
                addShare(event.getUserId(), scope, first.plusMonths(i), share);
            }
        }
    }

    private void addShare(String account, String scope, YearMonth month, Fraction share) {
        String key = StoreKeys.of(account, scope, month.toString());
        io.zoommetering.avro.internal.Fraction stored = netShares.get(key);
        Fraction before = stored == null ? Fraction.ZERO : fromAvro(stored);
        Fraction after = before.plus(share);
        netShares.put(key, toAvro(after));
        PlanMonthKey aggregate = new PlanMonthKey(scope, month.toString());
        partials.addAmount(MrrOutput.INSTANCE, aggregate, MrrOutput.MRR, share);
        partials.addCount(MrrOutput.INSTANCE, aggregate, MrrOutput.RECURRING_SHARES, 1);
        partials.addCount(
                MrrOutput.INSTANCE,
                aggregate,
                MrrOutput.PAYING_ACCOUNTS,
                (after.signum() > 0 ? 1 : 0) - (before.signum() > 0 ? 1 : 0));
    }
}
