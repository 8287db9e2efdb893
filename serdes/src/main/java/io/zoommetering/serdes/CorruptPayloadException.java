package io.zoommetering.serdes;

/**
 * The bytes are cut short ({@link SerdeFailure#TRUNCATED}) or do not decode ({@link SerdeFailure#CORRUPT_PAYLOAD}).
 */
public final class CorruptPayloadException extends AvroSerdeException {

    CorruptPayloadException(
            SerdeFailure reason, String topic, boolean isKey, Integer schemaId, String detail, Throwable cause) {
        super(reason, topic, isKey, schemaId, detail, cause);
    }
}
