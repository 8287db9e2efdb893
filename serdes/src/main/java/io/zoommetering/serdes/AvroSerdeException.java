package io.zoommetering.serdes;

import java.util.OptionalInt;
import org.apache.kafka.common.errors.SerializationException;

/**
 * A record that could not be serialized or deserialized, with what an error record needs: the topic, whether the
 * key or the value failed, the schema id when it is known, and a machine-readable {@link #reason()}. The message
 * says all of it, for a person reading a log.
 *
 * <p>It is a Kafka {@link SerializationException}, so Kafka Streams' deserialization and production exception
 * handlers receive it as they would Confluent's.
 */
public abstract class AvroSerdeException extends SerializationException {

    private final SerdeFailure reason;
    private final String topic;
    private final boolean isKey;
    private final Integer schemaId;

    AvroSerdeException(
            SerdeFailure reason, String topic, boolean isKey, Integer schemaId, String detail, Throwable cause) {
        super(
                reason + " (" + (isKey ? "key" : "value") + " of topic '" + topic + "'"
                        + (schemaId == null ? "" : ", schema id " + schemaId) + "): " + detail,
                cause);
        this.reason = reason;
        this.topic = topic;
        this.isKey = isKey;
        this.schemaId = schemaId;
    }

    public SerdeFailure reason() {
        return reason;
    }

    public String topic() {
        return topic;
    }

    public boolean isKey() {
        return isKey;
    }

    /** The schema id of the record, empty when the bytes do not hold one or no id was assigned yet. */
    public OptionalInt schemaId() {
        return schemaId == null ? OptionalInt.empty() : OptionalInt.of(schemaId);
    }
}
