package io.zoommetering.serdes;

import io.zoommetering.serdes.registry.SchemaRegistryClient;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * A serde of generated Avro records in Confluent's wire format, a drop-in for Confluent's
 * {@code SpecificAvroSerde}: the bytes, the subjects ({@code <topic>-key} / {@code <topic>-value}) and the
 * configuration keys are the same.
 *
 * <p>Records are read into the generated class's (reader) schema, resolved from the schema they were written with,
 * so a record written with an older or newer compatible version of the schema decodes into the current class.
 *
 * <p>Two ways to get a working serde:
 * <pre>{@code
 * // Built with a client: ready to use, registers schemas.
 * Serde<Meeting> meetings = new SpecificAvroSerde<>(Meeting.class, client, false);
 *
 * // Configured, as Kafka does with a serde named in its configuration.
 * Serde<Meeting> meetings = new SpecificAvroSerde<>(Meeting.class);
 * meetings.configure(Map.of("schema.registry.url", "http://registry:8081"), false);
 * }</pre>
 * A serde built with a client can still be configured (for {@code auto.register.schemas} or key/value): it then keeps
 * its client and ignores {@code schema.registry.url}. See {@link AvroSerdeConfig} and
 * {@link io.zoommetering.serdes.registry.SchemaRegistryClientConfig} for the keys.
 *
 * <p>Nulls pass through both ways (tombstones); any other failure is an {@link AvroSerdeException}.
 */
public final class SpecificAvroSerde<T extends SpecificRecord> extends AvroSerde<T> {

    /** For Kafka's configuration: reads each record into the generated class its writer schema names. */
    public SpecificAvroSerde() {
        this(null, (SchemaRegistryClient) null);
    }

    /** Reads records into {@code type}; needs {@link #configure(Map, boolean)}. */
    public SpecificAvroSerde(Class<T> type) {
        this(Objects.requireNonNull(type, "type"), (SchemaRegistryClient) null);
    }

    /**
     * Reads records into the generated class of {@code schema} (its {@code SCHEMA$}); needs
     * {@link #configure(Map, boolean)}.
     *
     * @throws IllegalArgumentException when no generated record class has that schema's name
     */
    public SpecificAvroSerde(Schema schema) {
        this(classOf(schema), (SchemaRegistryClient) null);
    }

    /**
     * Ready to use with {@code client}, registering schemas ({@code auto.register.schemas=true}).
     *
     * @param isKey whether it serializes record keys (subject {@code <topic>-key}) or values ({@code <topic>-value})
     */
    public SpecificAvroSerde(Class<T> type, SchemaRegistryClient client, boolean isKey) {
        this(Objects.requireNonNull(type, "type"), Objects.requireNonNull(client, "client"));
        bind(new RegistryBinding(client, isKey, true));
    }

    private SpecificAvroSerde(Class<T> type, SchemaRegistryClient presetClient) {
        super(new SpecificDatumFactory<>(type), presetClient);
    }

    @SuppressWarnings("unchecked")
    private static <T extends SpecificRecord> Class<T> classOf(Schema schema) {
        Class<?> type = SpecificData.get().getClass(Objects.requireNonNull(schema, "schema"));
        if (type == null || !SpecificRecord.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException("No generated record class for schema " + schema.getFullName());
        }
        return (Class<T>) type;
    }
}
