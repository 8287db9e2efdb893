package io.zoommetering.serdes;

/** The registry has no schema with the record's id ({@link SerdeFailure#UNKNOWN_SCHEMA_ID}). */
public final class UnknownSchemaIdException extends AvroSerdeException {

    UnknownSchemaIdException(String topic, boolean isKey, Integer schemaId, String detail, Throwable cause) {
        super(SerdeFailure.UNKNOWN_SCHEMA_ID, topic, isKey, schemaId, detail, cause);
    }
}
