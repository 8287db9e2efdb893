package io.zoommetering.topology.output.billingfact;

import io.zoommetering.avro.billing.BillingEvent;
import io.zoommetering.avro.gold.fact.BillingFact;
import io.zoommetering.avro.gold.fact.BillingFactKey;
import io.zoommetering.topology.account.AccountRecord;
import io.zoommetering.topology.account.Ledger;
import io.zoommetering.topology.account.LedgerContext;
import io.zoommetering.topology.account.PlanResolver;
import io.zoommetering.topology.aggregate.Lineage;
import io.zoommetering.topology.money.Fraction;
import io.zoommetering.topology.time.Periods;
import java.math.BigDecimal;
import java.util.Map;

/**
 * Writes a billing event's row once, when it is accepted: intake drops duplicates of its event_id, so each row is
 * written once and needs no store. The amount is in the reporting currency (SPEC 2, "Money"), unsigned as the
 * seed has it: the event type says whether it subtracts.
 */
final class BillingFactLedger implements Ledger {

    private final LedgerContext context;
    private final PlanResolver profiles;
    private final Periods periods;
    private final Map<String, BigDecimal> currencyRates;

    BillingFactLedger(LedgerContext context) {
        this.context = context;
        this.profiles = context.plans();
        this.periods = context.periods();
        this.currencyRates = context.currencyRates();
    }

    @Override
    public void record(AccountRecord record) {
        if (!record.isCurrent() || !(record.payload() instanceof BillingEvent event)) {
            return;
        }
        BigDecimal amount = Fraction.of(event.getAmount())
                .times(Fraction.of(currencyRates.get(event.getCurrency())))
                .rounded(2);
        Lineage lineage = context.lineageNow();
        context.write(
                BillingFactOutput.INSTANCE,
                new BillingFactKey(event.getEventId()),
                new BillingFact(
                        profiles.userNameOf(event.getUserId(), event.getEventTime()),
                        event.getEventType().name(),
                        amount,
                        periods.date(event.getEventTime()),
                        lineage.loadDate(),
                        lineage.updateDate(),
                        lineage.sourceSystem()));
    }
}
