package io.zoommetering.serdes.registry;

/**
 * The registry could not be reached, did not answer in time, or answered 5xx, on every attempt the retry policy
 * allowed. The cause is the last attempt's failure; {@link #httpStatus()} is its status, 0 when there was no answer.
 */
public class SchemaRegistryUnavailableException extends SchemaRegistryException {

    public SchemaRegistryUnavailableException(String message, int httpStatus, int errorCode, Throwable cause) {
        super(message, httpStatus, errorCode, cause);
    }
}
