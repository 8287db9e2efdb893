package io.zoommetering.topology.output.plansuggestions;

import io.zoommetering.topology.money.Fraction;
import io.zoommetering.topology.state.CompactSerde;
import java.math.BigInteger;
import java.util.Map;
import java.util.TreeMap;

/** The compact state format of an {@link AccountMonth}. */
final class AccountMonthSerde extends CompactSerde<AccountMonth> {

    @Override
    protected void write(AccountMonth value, Output out) {
        out.writeCount(value.usage.size());
        for (Map.Entry<String, Fraction> meter : value.usage.entrySet()) {
            out.writeString(meter.getKey());
            writeFraction(meter.getValue(), out);
        }
        out.writeBoolean(value.paying);
        out.writeNullableString(value.planAtClose);
        AccountMonth.Suggestion written = value.written;
        out.writeBoolean(written != null);
        if (written != null) {
            out.writeString(written.rule().name());
            out.writeString(written.currentPlan());
            out.writeString(written.suggestedPlan());
            writeFraction(written.currentCost(), out);
            writeFraction(written.suggestedCost(), out);
            out.writeLong(written.loadDay());
        }
    }

    @Override
    protected AccountMonth read(Input in) {
        Map<String, Fraction> usage = new TreeMap<>();
        int meters = in.readCount();
        for (int i = 0; i < meters; i++) {
            usage.put(in.readString(), readFraction(in));
        }
        boolean paying = in.readBoolean();
        String planAtClose = in.readNullableString();
        AccountMonth.Suggestion written = null;
        if (in.readBoolean()) {
            written = new AccountMonth.Suggestion(
                    AccountMonth.Rule.valueOf(in.readString()),
                    in.readString(),
                    in.readString(),
                    readFraction(in),
                    readFraction(in),
                    in.readLong());
        }
        return new AccountMonth(usage, paying, planAtClose, written);
    }

    private static void writeFraction(Fraction value, Output out) {
        out.writeString(value.numerator().toString());
        out.writeString(value.denominator().toString());
    }

    private static Fraction readFraction(Input in) {
        return Fraction.of(new BigInteger(in.readString()), new BigInteger(in.readString()));
    }
}
