package io.zoommetering.serdes;

/**
 * The registry could not be reached or kept failing within the retry policy
 * ({@link SerdeFailure#REGISTRY_UNREACHABLE}).
 */
public final class RegistryUnreachableException extends AvroSerdeException {

    RegistryUnreachableException(String topic, boolean isKey, Integer schemaId, String detail, Throwable cause) {
        super(SerdeFailure.REGISTRY_UNREACHABLE, topic, isKey, schemaId, detail, cause);
    }
}
