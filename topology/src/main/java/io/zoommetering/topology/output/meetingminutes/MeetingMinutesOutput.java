package io.zoommetering.topology.output.meetingminutes;

import io.zoommetering.avro.gold.MeetingMinutes;
import io.zoommetering.avro.gold.PeriodKey;
import io.zoommetering.topology.account.LedgerSpec;
import io.zoommetering.topology.aggregate.AggregateOutput;
import io.zoommetering.topology.aggregate.GoldKeys;
import io.zoommetering.topology.aggregate.KeyCodec;
import io.zoommetering.topology.aggregate.Lineage;
import io.zoommetering.topology.aggregate.Totals;
import io.zoommetering.topology.money.Fraction;
import io.zoommetering.topology.output.GoldOutput;
import io.zoommetering.topology.output.activeusers.ActiveUsersOutput;
import io.zoommetering.topology.time.Periods;
import io.zoommetering.topology.topics.TopicSetting;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * gold.meeting-minutes (Go_Agg_Meeting_Minutes), over meetings whose latest ENDED state starts in the period:
 * total_meeting_minutes, meeting_count, avg_meeting_minutes = total / count, and meetings_per_active_user =
 * meeting_count / the period's active users, read from gold.active-users' totals of the same period.
 */
public final class MeetingMinutesOutput implements AggregateOutput<PeriodKey, MeetingMinutes> {

    public static final MeetingMinutesOutput INSTANCE = new MeetingMinutesOutput();
    public static final GoldOutput OUTPUT = GoldOutput.of(INSTANCE, LedgerSpec.stateless(MeetingMinutesLedger::new));

    static final String MINUTES = "meeting_minutes";
    static final String MEETINGS = "meeting_count";

    private static final TopicSetting TOPIC =
            new TopicSetting("meeting-minutes", "gold.meeting-minutes", "of meeting minutes by period");
    private static final int CENTS = 2;

    private MeetingMinutesOutput() {}

    @Override
    public TopicSetting topic() {
        return TOPIC;
    }

    @Override
    public Class<PeriodKey> keyType() {
        return PeriodKey.class;
    }

    @Override
    public Class<MeetingMinutes> valueType() {
        return MeetingMinutes.class;
    }

    @Override
    public byte tag() {
        return 2;
    }

    @Override
    public KeyCodec<PeriodKey> keys() {
        return GoldKeys.PERIOD;
    }

    @Override
    public Instant periodEnd(PeriodKey key, Periods periods) {
        return periods.periodEnd(key.getPeriodType(), key.getActivityDate());
    }

    @Override
    public List<AggregateOutput<?, ?>> reads() {
        return List.of(ActiveUsersOutput.INSTANCE);
    }

    @Override
    public MeetingMinutes row(Totals<PeriodKey> totals, Lineage lineage) {
        long meetings = totals.count(MEETINGS);
        if (meetings <= 0) {
            return null;
        }
        long minutes = totals.count(MINUTES);
        long active = ActiveUsersOutput.activeUsers(totals.of(ActiveUsersOutput.INSTANCE, totals.key()));
        BigDecimal perActiveUser =
                active == 0 ? null : Fraction.of(meetings).dividedBy(active).rounded(CENTS);
        return new MeetingMinutes(
                minutes,
                meetings,
                Fraction.of(minutes).dividedBy(meetings).rounded(CENTS),
                perActiveUser,
                lineage.loadDate(),
                lineage.updateDate(),
                lineage.sourceSystem());
    }
}
