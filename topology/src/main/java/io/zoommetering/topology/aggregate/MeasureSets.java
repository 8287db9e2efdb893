package io.zoommetering.topology.aggregate;

import io.zoommetering.avro.internal.Measures;
import io.zoommetering.topology.money.Fraction;
import io.zoommetering.topology.state.CompactSerde;
import java.math.BigInteger;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Arithmetic on {@link Measures}. Zero entries are removed so that two equal sets of measures are equal maps,
 * which is how a combiner tells a change from a re-sent partial.
 */
public final class MeasureSets {

    private MeasureSets() {}

    public static Measures empty() {
        return new Measures(new HashMap<>(), new HashMap<>());
    }

    public static boolean isEmpty(Measures measures) {
        return measures.getCounts().isEmpty() && measures.getAmounts().isEmpty();
    }

    public static long count(Measures measures, String name) {
        return measures.getCounts().getOrDefault(name, 0L);
    }

    public static Fraction amount(Measures measures, String name) {
        io.zoommetering.avro.internal.Fraction value = measures.getAmounts().get(name);
        return value == null ? Fraction.ZERO : fromAvro(value);
    }

    public static void addCount(Measures measures, String name, long delta) {
        long value = count(measures, name) + delta;
        if (value == 0) {
            measures.getCounts().remove(name);
        } else {
            measures.getCounts().put(name, value);
        }
    }

    public static void addAmount(Measures measures, String name, Fraction delta) {
        if (delta.signum() == 0) {
            return;
        }
        Fraction value = amount(measures, name).plus(delta);
        if (value.signum() == 0) {
            measures.getAmounts().remove(name);
        } else {
            measures.getAmounts().put(name, toAvro(value));
        }
    }

    public static Measures sum(Collection<Measures> parts) {
        Measures total = empty();
        for (Measures part : parts) {
            part.getCounts().forEach((name, value) -> addCount(total, name, value));
            part.getAmounts().forEach((name, value) -> addAmount(total, name, fromAvro(value)));
        }
        return total;
    }

    public static Measures copy(Measures measures) {
        Map<String, Long> counts = new HashMap<>(measures.getCounts());
        Map<String, io.zoommetering.avro.internal.Fraction> amounts = new HashMap<>(measures.getAmounts());
        return new Measures(counts, amounts);
    }

    public static Fraction fromAvro(io.zoommetering.avro.internal.Fraction value) {
        return Fraction.of(new BigInteger(value.getNumerator()), new BigInteger(value.getDenominator()));
    }

    /** An exact amount in the compact state format of {@link CompactSerde}. */
    public static void write(io.zoommetering.avro.internal.Fraction value, CompactSerde.Output out) {
        out.writeString(value.getNumerator());
        out.writeString(value.getDenominator());
    }

    public static io.zoommetering.avro.internal.Fraction read(CompactSerde.Input in) {
        return new io.zoommetering.avro.internal.Fraction(in.readString(), in.readString());
    }

    public static io.zoommetering.avro.internal.Fraction toAvro(Fraction value) {
        return new io.zoommetering.avro.internal.Fraction(
                value.numerator().toString(), value.denominator().toString());
    }
}
