package io.zoommetering.topology.output.featureadoption;

import io.zoommetering.avro.common.PeriodType;
import io.zoommetering.avro.gold.FeatureAdoptionKey;
import io.zoommetering.avro.internal.FeatureActivity;
import io.zoommetering.topology.account.AccountRecord;
import io.zoommetering.topology.account.Ledger;
import io.zoommetering.topology.account.LedgerContext;
import io.zoommetering.topology.account.PartialAggregates;
import io.zoommetering.topology.account.StoreKeys;
import io.zoommetering.topology.time.Periods;
import java.time.LocalDate;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Counts each user once per feature and period in which they used it. Every accepted use counts, failed ones too
 * (SPEC, "Feature adoption"), and a use is never withdrawn, so a user, once counted, stays counted: the store only
 * has to say whether they were.
 */
final class FeatureAdoptionLedger implements Ledger {

    private static final byte[] SEEN = new byte[0];

    private final KeyValueStore<String, byte[]> users;
    private final PartialAggregates partials;
    private final Periods periods;

    FeatureAdoptionLedger(LedgerContext context) {
        this.users = context.store(FeatureAdoptionOutput.USERS);
        this.partials = context.partials();
        this.periods = context.periods();
    }

    @Override
    public void record(AccountRecord record) {
        if (!record.isCurrent() || !(record.payload() instanceof FeatureActivity use)) {
            return;
        }
        for (PeriodType type : Periods.CALENDAR) {
            LocalDate start = periods.periodStart(type, use.getEventTime());
            String key = StoreKeys.of(use.getUserId(), use.getFeatureName(), type.name(), start.toString());
            if (users.get(key) == null) {
                users.put(key, SEEN);
                partials.addCount(
                        FeatureAdoptionOutput.INSTANCE,
                        new FeatureAdoptionKey(use.getFeatureName(), type, start),
                        FeatureAdoptionOutput.FEATURE_USERS,
                        1);
            }
        }
    }
}
