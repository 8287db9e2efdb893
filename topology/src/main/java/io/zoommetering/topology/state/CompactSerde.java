package io.zoommetering.topology.state;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A hand-written binary format for the values of the topology's own state stores, which are read and written
 * several times per record: no Schema Registry framing, no schema resolution, few allocations. Every encoding starts
 * with a format byte ({@link #FORMAT}), so state written in another format (Avro's starts with 0) fails loudly
 * instead of being misread. Only for state: what other applications read stays Avro with a registered schema.
 */
public abstract class CompactSerde<T> implements Serde<T>, Serializer<T>, Deserializer<T> {

    public static final byte FORMAT = 1;

    private static final ThreadLocal<Output> OUTPUT = ThreadLocal.withInitial(Output::new);

    protected abstract void write(T value, Output out);

    protected abstract T read(Input in);

    @Override
    public final byte[] serialize(String topic, T value) {
        if (value == null) {
            return null;
        }
        Output out = OUTPUT.get();
        out.reset();
        out.writeByte(FORMAT);
        write(value, out);
        return out.toByteArray();
    }

    @Override
    public final T deserialize(String topic, byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        if (bytes.length == 0 || bytes[0] != FORMAT) {
            throw new SerializationException(getClass().getSimpleName() + ": state in an unknown format (first byte "
                    + (bytes.length == 0 ? "none" : bytes[0]) + "); state written by another version of the"
                    + " application needs an application reset");
        }
        Input in = new Input(bytes, 1);
        T value = read(in);
        if (in.position != bytes.length) {
            throw new SerializationException(
                    getClass().getSimpleName() + ": " + (bytes.length - in.position) + " bytes left over");
        }
        return value;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {}

    @Override
    public void close() {}

    @Override
    public final Serializer<T> serializer() {
        return this;
    }

    @Override
    public final Deserializer<T> deserializer() {
        return this;
    }

    /** A growable buffer with variable-length integers (zig-zag for signed values) and UTF-8 strings. */
    public static final class Output {

        private byte[] buffer = new byte[256];
        private int size;

        public void reset() {
            size = 0;
            if (buffer.length > 1 << 16) {
                buffer = new byte[256];
            }
        }

        public byte[] toByteArray() {
            return Arrays.copyOf(buffer, size);
        }

        /** Bytes written since the last reset. */
        public int size() {
            return size;
        }

        public void copyTo(byte[] destination, int offset) {
            System.arraycopy(buffer, 0, destination, offset, size);
        }

        public void writeByte(int value) {
            ensure(1);
            buffer[size++] = (byte) value;
        }

        public void writeBoolean(boolean value) {
            writeByte(value ? 1 : 0);
        }

        /** A signed long in 1 to 10 bytes, small magnitudes short. */
        public void writeLong(long value) {
            writeUnsigned((value << 1) ^ (value >> 63));
        }

        public void writeInt(int value) {
            writeLong(value);
        }

        public void writeString(String value) {
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            writeUnsigned(bytes.length);
            ensure(bytes.length);
            System.arraycopy(bytes, 0, buffer, size, bytes.length);
            size += bytes.length;
        }

        /** A string that may be null. */
        public void writeNullableString(String value) {
            writeBoolean(value != null);
            if (value != null) {
                writeString(value);
            }
        }

        /** A byte array, its length first. */
        public void writeBytes(byte[] value) {
            writeUnsigned(value.length);
            ensure(value.length);
            System.arraycopy(value, 0, buffer, size, value.length);
            size += value.length;
        }

        /** The number of items that follow (read back by {@link Input#readCount()}). */
        public void writeCount(int count) {
            writeUnsigned(count);
        }

        private void writeUnsigned(long value) {
            ensure(10);
            while ((value & ~0x7FL) != 0) {
                buffer[size++] = (byte) ((value & 0x7F) | 0x80);
                value >>>= 7;
            }
            buffer[size++] = (byte) value;
        }

        private void ensure(int more) {
            if (size + more > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
            }
        }
    }

    /** Reads what {@link Output} wrote; a truncated or malformed encoding fails with a SerializationException. */
    public static final class Input {

        private final byte[] bytes;
        private int position;

        public Input(byte[] bytes, int position) {
            this.bytes = bytes;
            this.position = position;
        }

        /** Whether every byte was read: a value with bytes left over was written in another format. */
        public boolean atEnd() {
            return position == bytes.length;
        }

        public int readByte() {
            if (position >= bytes.length) {
                throw new SerializationException("state ends early");
            }
            return bytes[position++];
        }

        public byte[] readBytes() {
            int length = readCount();
            if (length > bytes.length - position) {
                throw new SerializationException("state ends early");
            }
            byte[] value = Arrays.copyOfRange(bytes, position, position + length);
            position += length;
            return value;
        }

        public boolean readBoolean() {
            return readByte() != 0;
        }

        public long readLong() {
            long raw = readUnsigned();
            return (raw >>> 1) ^ -(raw & 1);
        }

        public int readInt() {
            return Math.toIntExact(readLong());
        }

        public String readString() {
            long length = readUnsigned();
            if (length > bytes.length - position) {
                throw new SerializationException(
                        "a string of " + length + " bytes, with " + (bytes.length - position) + " left");
            }
            String value = new String(bytes, position, (int) length, StandardCharsets.UTF_8);
            position += (int) length;
            return value;
        }

        public String readNullableString() {
            return readBoolean() ? readString() : null;
        }

        /** A count of items that follow, each at least one byte long. */
        public int readCount() {
            long count = readUnsigned();
            if (count > bytes.length - position) {
                throw new SerializationException(
                        "a count of " + count + ", with " + (bytes.length - position) + " bytes left");
            }
            return (int) count;
        }

        private long readUnsigned() {
            long value = 0;
            for (int shift = 0; shift < 70; shift += 7) {
                int b = readByte();
                value |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return value;
                }
            }
            throw new SerializationException("a malformed variable-length integer");
        }
    }
}
