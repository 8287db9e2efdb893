package io.zoommetering.serdes;

/** The registry refused the request or answered something unusable ({@link SerdeFailure#REGISTRY_ERROR}). */
public final class RegistryErrorException extends AvroSerdeException {

    RegistryErrorException(String topic, boolean isKey, Integer schemaId, String detail, Throwable cause) {
        super(SerdeFailure.REGISTRY_ERROR, topic, isKey, schemaId, detail, cause);
    }
}
