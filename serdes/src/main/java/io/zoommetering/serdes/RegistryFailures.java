package io.zoommetering.serdes;

import io.zoommetering.serdes.registry.SchemaNotFoundException;
import io.zoommetering.serdes.registry.SchemaRegistryException;
import io.zoommetering.serdes.registry.SchemaRegistryUnavailableException;

/** Turns a registry client's failure into the serde failure it means for one record of one topic. */
final class RegistryFailures {

    private static final int HTTP_CONFLICT = 409;

    private RegistryFailures() {}

    /** While fetching the writer schema of a record: a missing schema is an unknown id. */
    static AvroSerdeException reading(SchemaRegistryException e, String topic, boolean isKey, int schemaId) {
        if (e instanceof SchemaNotFoundException) {
            return new UnknownSchemaIdException(
                    topic, isKey, schemaId, "the registry has no schema " + schemaId + ": " + e.getMessage(), e);
        }
        return common(e, topic, isKey, schemaId);
    }

    /** While registering or looking up the schema of a record to write: a missing schema is not registered. */
    static AvroSerdeException writing(SchemaRegistryException e, String topic, String subject, boolean isKey) {
        if (e instanceof SchemaNotFoundException) {
            return new SchemaNotRegisteredException(
                    topic,
                    isKey,
                    null,
                    "the schema is not registered under subject '" + subject + "' and auto.register.schemas is false: "
                            + e.getMessage(),
                    e);
        }
        if (e.httpStatus() == HTTP_CONFLICT) {
            return new IncompatibleSchemaException(
                    topic,
                    isKey,
                    null,
                    "the registry refused the schema for subject '" + subject + "': " + e.getMessage(),
                    e);
        }
        return common(e, topic, isKey, null);
    }

    private static AvroSerdeException common(SchemaRegistryException e, String topic, boolean isKey, Integer id) {
        if (e instanceof SchemaRegistryUnavailableException) {
            return new RegistryUnreachableException(topic, isKey, id, e.getMessage(), e);
        }
        return new RegistryErrorException(topic, isKey, id, e.getMessage(), e);
    }
}
