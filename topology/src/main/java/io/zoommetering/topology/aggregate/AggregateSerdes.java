package io.zoommetering.topology.aggregate;

import io.zoommetering.avro.internal.Fraction;
import io.zoommetering.avro.internal.Measures;
import io.zoommetering.topology.state.CompactSerde;
import java.util.HashMap;
import java.util.Map;

/**
 * The compact store format of measures ({@link CompactSerde}); aggregate keys are {@link AggregateKeyBytes}. The
 * partials topic keeps its registered Avro format for values.
 */
public final class AggregateSerdes {

    private AggregateSerdes() {}

    public static CompactSerde<Measures> measures() {
        return new MeasuresSerde();
    }

    private static final class MeasuresSerde extends CompactSerde<Measures> {

        @Override
        protected void write(Measures value, Output out) {
            out.writeCount(value.getCounts().size());
            for (Map.Entry<String, Long> count : value.getCounts().entrySet()) {
                out.writeString(count.getKey());
                out.writeLong(count.getValue());
            }
            out.writeCount(value.getAmounts().size());
            for (Map.Entry<String, Fraction> amount : value.getAmounts().entrySet()) {
                out.writeString(amount.getKey());
                out.writeString(amount.getValue().getNumerator());
                out.writeString(amount.getValue().getDenominator());
            }
        }

        @Override
        protected Measures read(Input in) {
            int counts = in.readCount();
            Map<String, Long> countMap = new HashMap<>(Math.max(4, counts * 2));
            for (int i = 0; i < counts; i++) {
                countMap.put(in.readString(), in.readLong());
            }
            int amounts = in.readCount();
            Map<String, Fraction> amountMap = new HashMap<>(Math.max(4, amounts * 2));
            for (int i = 0; i < amounts; i++) {
                amountMap.put(in.readString(), new Fraction(in.readString(), in.readString()));
            }
            return new Measures(countMap, amountMap);
        }
    }
}
