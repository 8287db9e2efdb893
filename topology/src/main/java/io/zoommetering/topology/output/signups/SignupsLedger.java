package io.zoommetering.topology.output.signups;

import io.zoommetering.avro.common.PeriodType;
import io.zoommetering.avro.gold.PeriodKey;
import io.zoommetering.avro.usage.User;
import io.zoommetering.topology.account.AccountRecord;
import io.zoommetering.topology.account.Ledger;
import io.zoommetering.topology.account.LedgerContext;
import io.zoommetering.topology.account.PartialAggregates;
import io.zoommetering.topology.output.signups.SignupsOutput.Registration;
import io.zoommetering.topology.time.Periods;
import java.time.LocalDate;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Counts each user once, in the periods of the registration date of its latest profile state (by event time): a
 * newer state with another date moves the user, an older state arriving later changes nothing. Profiles are keyed
 * by their user, so every state of a user reaches the same task, and this ledger alone decides which is latest.
 */
final class SignupsLedger implements Ledger {

    private final KeyValueStore<String, Registration> registrations;
    private final PartialAggregates partials;
    private final Periods periods;

    SignupsLedger(LedgerContext context) {
        this.registrations = context.store(SignupsOutput.REGISTRATIONS);
        this.partials = context.partials();
        this.periods = context.periods();
    }

    @Override
    public void record(AccountRecord record) {
        if (!record.isCurrent() || !(record.payload() instanceof User profile)) {
            return;
        }
        long eventTime = profile.getEventTime().toEpochMilli();
        Registration previous = registrations.get(profile.getUserId());
        if (previous != null && eventTime < previous.eventTimeMs()) {
            return;
        }
        Registration next = new Registration(eventTime, profile.getRegistrationDate());
        if (previous == null || !previous.date().equals(next.date())) {
            if (previous != null) {
                count(previous.date(), -1);
            }
            count(next.date(), +1);
        }
        registrations.put(profile.getUserId(), next);
    }

    private void count(LocalDate registered, int delta) {
        for (PeriodType type : Periods.CALENDAR) {
            partials.addCount(
                    SignupsOutput.INSTANCE,
                    new PeriodKey(type, periods.periodStart(type, registered)),
                    SignupsOutput.NEW_USERS,
                    delta);
        }
    }
}
