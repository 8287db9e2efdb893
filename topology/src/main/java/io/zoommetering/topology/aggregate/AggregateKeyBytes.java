package io.zoommetering.topology.aggregate;

import io.zoommetering.topology.state.CompactSerde;
import java.util.Arrays;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.common.utils.Utils;

/**
 * The key of an aggregate on the partials topic and in the stores of both stages: which output it belongs to and
 * its gold key, as {@code [group length, 2 bytes][group][output tag][rest]} ({@link KeyCodec}). The partials topic
 * is partitioned by the group alone, so the keys of one group meet on one combiner task; in the combiner's sorted
 * store the keys of one group and output are one prefix range. Comparing and hashing these few bytes is also much
 * cheaper than an Avro record's schema-driven equals and hashCode, which a record needs several times per key.
 *
 * <p>An instance reuses its buffers: one per processor, never shared between threads.
 */
public final class AggregateKeyBytes {

    private static final int LENGTH = 2;

    private final CompactSerde.Output group = new CompactSerde.Output();
    private final CompactSerde.Output rest = new CompactSerde.Output();

    public <K extends SpecificRecord> Bytes encode(AggregateOutput<K, ?> output, K key) {
        group.reset();
        rest.reset();
        output.keys().writeGroup(key, group);
        output.keys().writeRest(key, rest);
        int groupSize = group.size();
        if (groupSize > 0xFFFF) {
            throw new SerializationException("aggregate key group of " + groupSize + " bytes: " + key);
        }
        byte[] bytes = new byte[LENGTH + groupSize + 1 + rest.size()];
        bytes[0] = (byte) (groupSize >>> 8);
        bytes[1] = (byte) groupSize;
        group.copyTo(bytes, LENGTH);
        bytes[LENGTH + groupSize] = output.tag();
        rest.copyTo(bytes, LENGTH + groupSize + 1);
        return Bytes.wrap(bytes);
    }

    /** The tag of the output the key belongs to. */
    public static byte tag(Bytes key) {
        return key.get()[groupEnd(key.get())];
    }

    /** The key of the same group and rest, of another output. */
    public static Bytes withTag(Bytes key, byte tag) {
        byte[] bytes = key.get().clone();
        bytes[groupEnd(bytes)] = tag;
        return Bytes.wrap(bytes);
    }

    /** The prefix of every key of the given output in the key's group: {@code [length][group][tag]}. */
    public static Bytes groupPrefix(Bytes key, byte tag) {
        int end = groupEnd(key.get());
        byte[] prefix = Arrays.copyOf(key.get(), end + 1);
        prefix[end] = tag;
        return Bytes.wrap(prefix);
    }

    public static boolean sameGroup(Bytes a, Bytes b) {
        int end = groupEnd(a.get());
        return end == groupEnd(b.get()) && Arrays.equals(a.get(), 0, end, b.get(), 0, end);
    }

    /** The partition of the key's group: keys of one group go to one combiner task. */
    public static int partition(Bytes key, int partitions) {
        return Utils.toPositive(Utils.murmur2(Arrays.copyOf(key.get(), groupEnd(key.get())))) % partitions;
    }

    public static <K extends SpecificRecord> K decode(AggregateOutput<K, ?> output, Bytes key) {
        byte[] bytes = key.get();
        int end = groupEnd(bytes);
        byte[] parts = new byte[bytes.length - LENGTH - 1];
        System.arraycopy(bytes, LENGTH, parts, 0, end - LENGTH);
        System.arraycopy(bytes, end + 1, parts, end - LENGTH, bytes.length - end - 1);
        CompactSerde.Input in = new CompactSerde.Input(parts, 0);
        K decoded = output.keys().read(in);
        if (!in.atEnd()) {
            throw new SerializationException(
                    "aggregate key of " + output.topic().configName() + " has bytes left over");
        }
        return decoded;
    }

    private static int groupEnd(byte[] bytes) {
        if (bytes.length < LENGTH + 1) {
            throw new SerializationException("not an aggregate key: " + bytes.length + " bytes");
        }
        int end = LENGTH + (((bytes[0] & 0xFF) << 8) | (bytes[1] & 0xFF));
        if (end >= bytes.length) {
            throw new SerializationException("not an aggregate key: group longer than the key");
        }
        return end;
    }
}
