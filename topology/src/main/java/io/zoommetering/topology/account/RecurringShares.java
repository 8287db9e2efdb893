package io.zoommetering.topology.account;

import static io.zoommetering.topology.aggregate.MeasureSets.fromAvro;
import static io.zoommetering.topology.aggregate.MeasureSets.toAvro;

import io.zoommetering.avro.billing.BillingEvent;
import io.zoommetering.avro.billing.BillingEventType;
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
 * Recurring revenue spread over service periods (SPEC "Recurring revenue"), told to the ledgers as each account's
 * share of a month under a plan and under ALL. The account's exact net share per plan (and ALL) and month is kept
 * here, once for every output, because "paying" (net share above zero) is a fact gold.mrr and gold.churn share.
 */
final class RecurringShares implements Ledger {

    private static final Set<BillingEventType> RECURRING = EnumSet.of(
            BillingEventType.SUBSCRIPTION_FEE,
            BillingEventType.SUBSCRIPTION_RENEWAL,
            BillingEventType.UPGRADE,
            BillingEventType.DOWNGRADE,
            BillingEventType.REFUND);

    private final KeyValueStore<String, io.zoommetering.avro.internal.Fraction> netShares;
    private final Ledger events;
    private final Map<String, BigDecimal> currencyRates;

    RecurringShares(
            KeyValueStore<String, io.zoommetering.avro.internal.Fraction> netShares,
            Ledger events,
            Map<String, BigDecimal> currencyRates) {
        this.netShares = netShares;
        this.events = events;
        this.currencyRates = currencyRates;
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
        events.recurringShare(account, scope, month, share, before.signum() > 0, after.signum() > 0);
    }
}
