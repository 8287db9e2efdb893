package io.zoommetering.serdes;

/** The record does not match its own schema, so it cannot be encoded ({@link SerdeFailure#INVALID_RECORD}). */
public final class RecordEncodingException extends AvroSerdeException {

    RecordEncodingException(String topic, boolean isKey, Integer schemaId, String detail, Throwable cause) {
        super(SerdeFailure.INVALID_RECORD, topic, isKey, schemaId, detail, cause);
    }
}
