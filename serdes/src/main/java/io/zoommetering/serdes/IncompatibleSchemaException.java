package io.zoommetering.serdes;

/**
 * The writer schema does not resolve to the reader's, or the registry refused the schema as incompatible
 * ({@link SerdeFailure#INCOMPATIBLE_SCHEMA}).
 */
public final class IncompatibleSchemaException extends AvroSerdeException {

    IncompatibleSchemaException(String topic, boolean isKey, Integer schemaId, String detail, Throwable cause) {
        super(SerdeFailure.INCOMPATIBLE_SCHEMA, topic, isKey, schemaId, detail, cause);
    }
}
