package io.zoommetering.serdes;

/** The bytes do not start with the Confluent magic byte 0 ({@link SerdeFailure#UNKNOWN_MAGIC_BYTE}). */
public final class UnknownMagicByteException extends AvroSerdeException {

    UnknownMagicByteException(String topic, boolean isKey, Integer schemaId, String detail, Throwable cause) {
        super(SerdeFailure.UNKNOWN_MAGIC_BYTE, topic, isKey, schemaId, detail, cause);
    }
}
