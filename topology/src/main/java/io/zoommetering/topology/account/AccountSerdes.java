package io.zoommetering.topology.account;

import io.zoommetering.avro.internal.ActivityRefs;
import io.zoommetering.avro.internal.Fraction;
import io.zoommetering.avro.internal.MeetingContribution;
import io.zoommetering.topology.aggregate.MeasureSets;
import io.zoommetering.topology.state.CompactSerde;
import java.time.Instant;

/** Compact store formats of the account stage's own stores ({@link CompactSerde}). */
final class AccountSerdes {

    private AccountSerdes() {}

    static CompactSerde<ActivityRefs> activity() {
        return new CompactSerde<>() {
            @Override
            protected void write(ActivityRefs value, Output out) {
                out.writeInt(value.getHostedMeetings());
                out.writeBoolean(value.getOtherActivity());
            }

            @Override
            protected ActivityRefs read(Input in) {
                return new ActivityRefs(in.readInt(), in.readBoolean());
            }
        };
    }

    static CompactSerde<MeetingContribution> meetings() {
        return new CompactSerde<>() {
            @Override
            protected void write(MeetingContribution value, Output out) {
                out.writeString(value.getPlanType());
                out.writeLong(value.getStartTime().toEpochMilli());
                out.writeBoolean(value.getDurationMinutes() != null);
                if (value.getDurationMinutes() != null) {
                    out.writeLong(value.getDurationMinutes());
                }
            }

            @Override
            protected MeetingContribution read(Input in) {
                String plan = in.readString();
                Instant start = Instant.ofEpochMilli(in.readLong());
                Long minutes = in.readBoolean() ? in.readLong() : null;
                return new MeetingContribution(plan, start, minutes);
            }
        };
    }

    /** The same format the net shares had when gold.mrr owned them, so existing stores read on. */
    static CompactSerde<Fraction> netShares() {
        return new CompactSerde<>() {
            @Override
            protected void write(Fraction value, Output out) {
                MeasureSets.write(value, out);
            }

            @Override
            protected Fraction read(Input in) {
                return MeasureSets.read(in);
            }
        };
    }
}
