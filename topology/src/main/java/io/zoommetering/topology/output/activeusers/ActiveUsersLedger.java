package io.zoommetering.topology.output.activeusers;

import io.zoommetering.avro.common.PeriodType;
import io.zoommetering.avro.gold.PeriodKey;
import io.zoommetering.topology.account.Ledger;
import io.zoommetering.topology.account.LedgerContext;
import io.zoommetering.topology.account.PartialAggregates;
import java.time.LocalDate;

/** Counts each user once per period they are active in, as the account stage's activity events say. */
final class ActiveUsersLedger implements Ledger {

    private final PartialAggregates partials;

    ActiveUsersLedger(LedgerContext context) {
        this.partials = context.partials();
    }

    @Override
    public void activity(String user, PeriodType type, LocalDate start, boolean active) {
        partials.addCount(
                ActiveUsersOutput.INSTANCE,
                new PeriodKey(type, start),
                ActiveUsersOutput.ACTIVE_USERS,
                active ? 1 : -1);
    }
}
