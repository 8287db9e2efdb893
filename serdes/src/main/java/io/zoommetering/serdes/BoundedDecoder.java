package io.zoommetering.serdes;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.Decoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.util.Utf8;

/**
 * A binary decoder over one payload that refuses lengths and counts the remaining bytes cannot hold.
 *
 * <p>Avro's own decoder allocates a string, bytes or collection of the declared size before reading it, so a single
 * corrupt length (a few bytes of garbage) makes it allocate up to 2 GB and take the stream thread down with an
 * OutOfMemoryError. Here a declared size larger than what is left fails at once with an {@link EOFException}.
 * Arrays are only bounded when no item can be encoded in zero bytes (an array of nulls holds any number of items in
 * no bytes at all). Everything else is delegated to Avro's decoder, reused per thread.
 */
final class BoundedDecoder extends Decoder {

    private static final ThreadLocal<BoundedDecoder> CURRENT = ThreadLocal.withInitial(BoundedDecoder::new);

    /** Strings up to this size are read through one per-thread buffer instead of a new array each. */
    private static final int SCRATCH_LIMIT = 64 * 1024;

    private BinaryDecoder in;
    private boolean boundArrays;
    private byte[] scratch = new byte[256];

    private BoundedDecoder() {}

    /** This thread's decoder, positioned on {@code data[offset, offset + length)}. */
    static BoundedDecoder over(byte[] data, int offset, int length, boolean boundArrays) {
        BoundedDecoder decoder = CURRENT.get();
        decoder.in = DecoderFactory.get().binaryDecoder(data, offset, length, decoder.in);
        decoder.boundArrays = boundArrays;
        return decoder;
    }

    /** Whether every array item of data written with {@code writer} takes at least one byte. */
    static boolean arrayItemsTakeBytes(Schema writer) {
        return !hasArrayOfEmptyItems(writer, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    @Override
    public void readNull() throws IOException {
        in.readNull();
    }

    @Override
    public boolean readBoolean() throws IOException {
        return in.readBoolean();
    }

    @Override
    public int readInt() throws IOException {
        return in.readInt();
    }

    @Override
    public long readLong() throws IOException {
        return in.readLong();
    }

    @Override
    public float readFloat() throws IOException {
        return in.readFloat();
    }

    @Override
    public double readDouble() throws IOException {
        return in.readDouble();
    }

    @Override
    public Utf8 readString(Utf8 old) throws IOException {
        int length = length();
        Utf8 result = old != null ? old : new Utf8();
        result.setByteLength(length);
        in.readFixed(result.getBytes(), 0, length);
        return result;
    }

    @Override
    public String readString() throws IOException {
        int length = length();
        byte[] bytes = scratch(length);
        in.readFixed(bytes, 0, length);
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }

    @Override
    public void skipString() throws IOException {
        in.skipString();
    }

    /** Always a new buffer: the serdes never pass one to reuse. */
    @Override
    public ByteBuffer readBytes(ByteBuffer old) throws IOException {
        int length = length();
        ByteBuffer result = ByteBuffer.allocate(length);
        in.readFixed(result.array(), 0, length);
        return result;
    }

    @Override
    public void skipBytes() throws IOException {
        in.skipBytes();
    }

    @Override
    public void readFixed(byte[] bytes, int start, int length) throws IOException {
        in.readFixed(bytes, start, length);
    }

    @Override
    public void skipFixed(int length) throws IOException {
        in.skipFixed(length);
    }

    @Override
    public int readEnum() throws IOException {
        return in.readEnum();
    }

    @Override
    public long readArrayStart() throws IOException {
        return items(in.readArrayStart(), boundArrays);
    }

    @Override
    public long arrayNext() throws IOException {
        return items(in.arrayNext(), boundArrays);
    }

    @Override
    public long skipArray() throws IOException {
        return in.skipArray();
    }

    /** Map entries are always bounded: each has a key, and a key takes at least its length byte. */
    @Override
    public long readMapStart() throws IOException {
        return items(in.readMapStart(), true);
    }

    @Override
    public long mapNext() throws IOException {
        return items(in.mapNext(), true);
    }

    @Override
    public long skipMap() throws IOException {
        return in.skipMap();
    }

    @Override
    public int readIndex() throws IOException {
        return in.readIndex();
    }

    private int length() throws IOException {
        long length = in.readLong();
        if (length < 0) {
            throw new AvroRuntimeException("Malformed data: negative length " + length);
        }
        int left = remaining();
        if (length > left) {
            throw new EOFException("a length of " + length + " bytes, with " + left + " bytes left");
        }
        return (int) length;
    }

    private byte[] scratch(int length) {
        if (length > SCRATCH_LIMIT) {
            return new byte[length];
        }
        if (length > scratch.length) {
            scratch = new byte[Math.min(SCRATCH_LIMIT, Math.max(length, 2 * scratch.length))];
        }
        return scratch;
    }

    private long items(long count, boolean bounded) throws IOException {
        if (bounded && count > remaining()) {
            throw new EOFException("a block of " + count + " items, with " + remaining() + " bytes left");
        }
        return count;
    }

    private int remaining() throws IOException {
        return in.inputStream().available();
    }

    private static boolean hasArrayOfEmptyItems(Schema schema, Set<Schema> seen) {
        if (!seen.add(schema)) {
            return false;
        }
        switch (schema.getType()) {
            case ARRAY:
                return canBeEmpty(schema.getElementType(), Collections.newSetFromMap(new IdentityHashMap<>()))
                        || hasArrayOfEmptyItems(schema.getElementType(), seen);
            case MAP:
                return hasArrayOfEmptyItems(schema.getValueType(), seen);
            case UNION:
                return schema.getTypes().stream().anyMatch(branch -> hasArrayOfEmptyItems(branch, seen));
            case RECORD:
                return schema.getFields().stream().anyMatch(field -> hasArrayOfEmptyItems(field.schema(), seen));
            default:
                return false;
        }
    }

    /** Whether a value can take zero bytes: null, a zero-size fixed, a record of such fields. */
    private static boolean canBeEmpty(Schema schema, Set<Schema> seen) {
        switch (schema.getType()) {
            case NULL:
                return true;
            case FIXED:
                return schema.getFixedSize() == 0;
            case RECORD:
                // A record met again inside itself takes bytes for the union or collection that leads to it.
                return seen.add(schema)
                        && schema.getFields().stream().allMatch(field -> canBeEmpty(field.schema(), seen));
            default:
                return false;
        }
    }
}
