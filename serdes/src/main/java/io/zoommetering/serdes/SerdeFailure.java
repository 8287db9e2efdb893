package io.zoommetering.serdes;

/**
 * Why a record could not be serialized or deserialized, in a form an error record can carry ({@link #name()}).
 * Each constant is carried by one {@link AvroSerdeException} subclass ({@link #TRUNCATED} and
 * {@link #CORRUPT_PAYLOAD} share {@link CorruptPayloadException}).
 */
public enum SerdeFailure {
    /** The first byte is not the Confluent magic byte 0: not Confluent-framed Avro. */
    UNKNOWN_MAGIC_BYTE,
    /** The bytes end before the 5-byte header, or before the Avro data its schema announces. */
    TRUNCATED,
    /** The Avro data does not decode with its writer schema: a bad length, union branch or enum index... */
    CORRUPT_PAYLOAD,
    /** The registry has no schema with the record's schema id. */
    UNKNOWN_SCHEMA_ID,
    /** The writer schema does not resolve to the reader's, or the registry refused a schema as incompatible. */
    INCOMPATIBLE_SCHEMA,
    /** The registry could not be reached or kept failing (I/O error, timeout, 5xx) within the retry policy. */
    REGISTRY_UNREACHABLE,
    /** The registry refused the request (authentication, authorization, invalid schema) or answered nonsense. */
    REGISTRY_ERROR,
    /** Serializing with {@code auto.register.schemas=false}: the record's schema is not registered for the subject. */
    SCHEMA_NOT_REGISTERED,
    /** Serializing: the record does not match its own schema (a null in a non-null field, a wrong type...). */
    INVALID_RECORD
}
