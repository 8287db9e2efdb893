package io.zoommetering.serdes;

import java.io.ByteArrayOutputStream;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/**
 * A per-thread output buffer and encoder, reused across records so that serializing one allocates little more than
 * the array it returns. Per thread, because one serde instance is shared by all stream threads.
 */
final class EncodingBuffer extends ByteArrayOutputStream {

    /** A buffer grown past this by one huge record is dropped instead of being kept for the thread's life. */
    private static final int RETAINED_CAPACITY = 1 << 20;

    private static final ThreadLocal<EncodingBuffer> CURRENT = ThreadLocal.withInitial(EncodingBuffer::new);

    private BinaryEncoder encoder;

    private EncodingBuffer() {
        super(1024);
    }

    /** This thread's buffer, emptied. */
    static EncodingBuffer acquire() {
        EncodingBuffer buffer = CURRENT.get();
        buffer.reset();
        return buffer;
    }

    /** An encoder writing straight into this buffer, after what it already holds. */
    BinaryEncoder encoder() {
        encoder = EncoderFactory.get().directBinaryEncoder(this, encoder);
        return encoder;
    }

    /** A copy of the bytes written. */
    byte[] finish() {
        byte[] bytes = toByteArray();
        if (buf.length > RETAINED_CAPACITY) {
            CURRENT.remove();
        }
        return bytes;
    }
}
