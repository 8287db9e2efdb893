package io.zoommetering.topology.account;

import io.zoommetering.avro.internal.AccountUsage;
import io.zoommetering.avro.internal.ActivityRefs;
import io.zoommetering.avro.internal.Fraction;
import io.zoommetering.avro.internal.MeetingContribution;
import io.zoommetering.topology.state.CompactSerde;
import java.time.Instant;

/** Compact store formats of the account ledgers ({@link CompactSerde}). */
final class AccountSerdes {

    private AccountSerdes() {
    }

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

    static CompactSerde<Fraction> fractions() {
        return new CompactSerde<>() {
            @Override
            protected void write(Fraction value, Output out) {
                writeFraction(value, out);
            }

            @Override
            protected Fraction read(Input in) {
                return readFraction(in);
            }
        };
    }

    static CompactSerde<AccountUsage> usage() {
        return new CompactSerde<>() {
            @Override
            protected void write(AccountUsage value, Output out) {
                writeFraction(value.getUsage(), out);
                writeFraction(value.getOver(), out);
                writeFraction(value.getOverRevenue(), out);
                out.writeLong(value.getContributions());
            }

            @Override
            protected AccountUsage read(Input in) {
                return new AccountUsage(readFraction(in), readFraction(in), readFraction(in), in.readLong());
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

    private static void writeFraction(Fraction value, CompactSerde.Output out) {
        out.writeString(value.getNumerator());
        out.writeString(value.getDenominator());
    }

    private static Fraction readFraction(CompactSerde.Input in) {
        return new Fraction(in.readString(), in.readString());
    }
}
