package io.zoommetering.serdes;

import java.io.ByteArrayOutputStream;

/**
 * Confluent's wire format: the magic byte 0, the writer schema's registry id as 4 bytes big-endian, then the record
 * in Avro binary encoding, nothing else. A deserializer needs the id to fetch the writer schema before it can read
 * a single byte of the record.
 */
public final class WireFormat {

    public static final byte MAGIC_BYTE = 0;
    /** Magic byte and schema id. */
    public static final int HEADER_LENGTH = 5;

    private WireFormat() {}

    static void writeHeader(ByteArrayOutputStream out, int schemaId) {
        out.write(MAGIC_BYTE);
        out.write(schemaId >>> 24);
        out.write(schemaId >>> 16);
        out.write(schemaId >>> 8);
        out.write(schemaId);
    }

    /**
     * The schema id of a framed record.
     *
     * @throws UnknownMagicByteException when the first byte is not {@link #MAGIC_BYTE}
     * @throws CorruptPayloadException ({@link SerdeFailure#TRUNCATED}) when the bytes are shorter than the header
     */
    static int schemaId(String topic, boolean isKey, byte[] framed) {
        if (framed.length > 0 && framed[0] != MAGIC_BYTE) {
            throw new UnknownMagicByteException(
                    topic,
                    isKey,
                    null,
                    String.format(
                            "the first byte is 0x%02x, not the magic byte 0x00 of Confluent-framed Avro",
                            framed[0] & 0xff),
                    null);
        }
        if (framed.length < HEADER_LENGTH) {
            throw new CorruptPayloadException(
                    SerdeFailure.TRUNCATED,
                    topic,
                    isKey,
                    null,
                    framed.length + " bytes, shorter than the " + HEADER_LENGTH + "-byte header",
                    null);
        }
        return (framed[1] & 0xff) << 24 | (framed[2] & 0xff) << 16 | (framed[3] & 0xff) << 8 | framed[4] & 0xff;
    }
}
