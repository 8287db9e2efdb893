package io.zoommetering.topology.output.licenseutilizationfact;

import io.zoommetering.avro.billing.License;
import io.zoommetering.avro.gold.fact.LicenseUtilizationFact;
import io.zoommetering.avro.gold.fact.LicenseUtilizationFactKey;
import io.zoommetering.avro.internal.EnvelopeKind;
import io.zoommetering.topology.account.AccountRecord;
import io.zoommetering.topology.account.EntityRows;
import io.zoommetering.topology.account.Ledger;
import io.zoommetering.topology.account.LedgerContext;
import io.zoommetering.topology.account.PlanResolver;

/**
 * Rewrites a license's row from each current state. An older state writes nothing; a state withdrawn from this
 * account (the license was reassigned) writes nothing, as the new holder's task writes the row.
 */
final class LicenseUtilizationFactLedger implements Ledger {

    private final EntityRows<LicenseUtilizationFactKey, LicenseUtilizationFact> rows;
    private final PlanResolver profiles;

    LicenseUtilizationFactLedger(LedgerContext context) {
        this.rows = new EntityRows<>(context, LicenseUtilizationFactOutput.INSTANCE, LicenseUtilizationFactOutput.ROWS);
        this.profiles = context.plans();
    }

    @Override
    public void record(AccountRecord record) {
        if (!(record.payload() instanceof License license)) {
            return;
        }
        if (record.kind() == EnvelopeKind.WITHDRAWN) {
            rows.forget(license.getLicenseId());
        } else if (record.isCurrent()) {
            LicenseUtilizationFact row = new LicenseUtilizationFact(
                    // null while unassigned: PlanResolver names no one for a blank user.
                    profiles.userNameOf(license.getAssignedUserId(), license.getEventTime()),
                    license.getLicenseType(),
                    license.getStartDate(),
                    license.getEndDate(),
                    // Lineage: EntityRows sets it when it writes the row.
                    null,
                    null,
                    null);
            rows.upsert(
                    license.getLicenseId(),
                    license.getEventTime().toEpochMilli(),
                    new LicenseUtilizationFactKey(license.getLicenseId()),
                    row);
        }
    }
}
