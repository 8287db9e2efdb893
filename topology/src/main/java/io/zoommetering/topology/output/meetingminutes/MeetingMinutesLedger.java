package io.zoommetering.topology.output.meetingminutes;

import io.zoommetering.avro.common.PeriodType;
import io.zoommetering.avro.gold.PeriodKey;
import io.zoommetering.avro.internal.MeetingContribution;
import io.zoommetering.topology.account.Ledger;
import io.zoommetering.topology.account.LedgerContext;
import io.zoommetering.topology.account.PartialAggregates;
import io.zoommetering.topology.time.Periods;

/** Minutes and count of each meeting whose current state is ENDED, in the periods of its start. */
final class MeetingMinutesLedger implements Ledger {

    private final PartialAggregates partials;
    private final Periods periods;

    MeetingMinutesLedger(LedgerContext context) {
        this.partials = context.partials();
        this.periods = context.periods();
    }

    @Override
    public void meeting(String host, MeetingContribution contribution, int sign) {
        Long minutes = contribution.getDurationMinutes();
        if (minutes == null) {
            return;
        }
        for (PeriodType type : Periods.CALENDAR) {
            PeriodKey key = new PeriodKey(type, periods.periodStart(type, contribution.getStartTime()));
            partials.addCount(MeetingMinutesOutput.INSTANCE, key, MeetingMinutesOutput.MINUTES, sign * minutes);
            partials.addCount(MeetingMinutesOutput.INSTANCE, key, MeetingMinutesOutput.MEETINGS, sign);
        }
    }
}
