package io.zoommetering.serdes;

/**
 * With {@code auto.register.schemas=false}, the record's schema is not registered for the subject
 * ({@link SerdeFailure#SCHEMA_NOT_REGISTERED}).
 */
public final class SchemaNotRegisteredException extends AvroSerdeException {

    SchemaNotRegisteredException(String topic, boolean isKey, Integer schemaId, String detail, Throwable cause) {
        super(SerdeFailure.SCHEMA_NOT_REGISTERED, topic, isKey, schemaId, detail, cause);
    }
}
