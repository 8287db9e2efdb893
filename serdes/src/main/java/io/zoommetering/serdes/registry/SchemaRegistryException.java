package io.zoommetering.serdes.registry;

/**
 * The Schema Registry refused a request or answered with something unusable. The serdes turn it into an
 * {@code AvroSerdeException} that names the topic.
 *
 * <p>{@link #httpStatus()} and {@link #errorCode()} keep the registry's own answer (Confluent's
 * {@code {"error_code": 40403, "message": "..."}}) for the logs; both are 0 when there was no such answer.
 */
public class SchemaRegistryException extends RuntimeException {

    private final int httpStatus;
    private final int errorCode;

    public SchemaRegistryException(String message, int httpStatus, int errorCode, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    /** The HTTP status of the registry's answer, 0 without one. */
    public int httpStatus() {
        return httpStatus;
    }

    /** Confluent's {@code error_code} (40401 subject not found, 40403 schema not found, 409 incompatible...), or 0. */
    public int errorCode() {
        return errorCode;
    }
}
