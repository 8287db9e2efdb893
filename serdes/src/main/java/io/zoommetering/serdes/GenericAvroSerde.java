package io.zoommetering.serdes;

import io.zoommetering.serdes.registry.SchemaRegistryClient;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * A serde of generic Avro records in Confluent's wire format, a drop-in for Confluent's {@code GenericAvroSerde}:
 * same bytes, subjects and configuration keys, and the same values (no logical-type conversions: a timestamp is a
 * Long, a decimal a ByteBuffer).
 *
 * <p>Records are read with their writer's schema, or, when the serde is given one, into a reader schema (a
 * projection, or an older or newer version) by Avro's schema resolution.
 *
 * <pre>{@code
 * Serde<GenericRecord> values = new GenericAvroSerde(client, false);             // ready to use
 * Serde<GenericRecord> v1 = new GenericAvroSerde(client, false, meetingV1);      // reads into meetingV1
 * Serde<GenericRecord> configured = new GenericAvroSerde();                      // then configure(...)
 * }</pre>
 * As with {@link SpecificAvroSerde}, a serde built with a client keeps it when configured. Nulls pass through both
 * ways (tombstones); any other failure is an {@link AvroSerdeException}.
 */
public final class GenericAvroSerde extends AvroSerde<GenericRecord> {

    /** For Kafka's configuration: needs {@link #configure(Map, boolean)}. */
    public GenericAvroSerde() {
        this(null, null);
    }

    /** Ready to use with {@code client}, registering schemas, reading records with their writer's schema. */
    public GenericAvroSerde(SchemaRegistryClient client, boolean isKey) {
        this(Objects.requireNonNull(client, "client"), null);
        bind(new RegistryBinding(client, isKey, true));
    }

    /** Ready to use with {@code client}, registering schemas, reading records into {@code readerSchema}. */
    public GenericAvroSerde(SchemaRegistryClient client, boolean isKey, Schema readerSchema) {
        this(Objects.requireNonNull(client, "client"), Objects.requireNonNull(readerSchema, "readerSchema"));
        bind(new RegistryBinding(client, isKey, true));
    }

    private GenericAvroSerde(SchemaRegistryClient presetClient, Schema readerSchema) {
        super(new GenericDatumFactory(readerSchema), presetClient);
    }
}
