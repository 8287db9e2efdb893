package io.zoommetering.serdes;

import io.zoommetering.serdes.registry.SchemaRegistryClient;
import io.zoommetering.serdes.registry.SchemaRegistryException;
import java.io.EOFException;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.avro.AvroTypeException;
import org.apache.avro.Schema;
import org.apache.avro.io.DatumReader;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads records in Confluent's wire format: the writer schema comes from the registry by the record's id, the
 * reader schema from the {@link DatumFactory}, and Avro's schema resolution bridges the two.
 *
 * <p>Thread-safe: Kafka Streams shares one instance between its threads. The reader of each writer id is built
 * once (or, when the writer schema does not resolve, the reason is kept); after that a record costs no registry call.
 * Every failure is an {@link AvroSerdeException} naming the topic.
 */
final class AvroDeserializer<T> implements Deserializer<T> {

    private final DatumFactory<T> data;
    private final SchemaRegistryClient presetClient;
    private final ConcurrentMap<Integer, WriterDecoding<T>> decodings = new ConcurrentHashMap<>();
    /** The decoding used last: a topic is mostly written with one schema, and this skips boxing its id. */
    private volatile WriterDecoding<T> last;

    private volatile RegistryBinding binding;

    /** @param presetClient the registry to use instead of the configured URL's; may be null */
    AvroDeserializer(DatumFactory<T> data, SchemaRegistryClient presetClient) {
        this.data = data;
        this.presetClient = presetClient;
    }

    void bind(RegistryBinding binding) {
        this.binding = binding;
        decodings.clear();
        last = null;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        bind(AvroSerdeConfig.binding(configs, isKey, presetClient));
    }

    /** Null (a tombstone) stays null, as with Confluent's deserializer. */
    @Override
    public T deserialize(String topic, byte[] framed) {
        if (framed == null) {
            return null;
        }
        RegistryBinding bound = binding;
        if (bound == null) {
            throw new IllegalStateException("Deserializer not configured: call configure() or build it with a client");
        }
        int schemaId = WireFormat.schemaId(topic, bound.isKey(), framed);
        WriterDecoding<T> decoding = decoding(bound, topic, schemaId);
        if (decoding.mismatch() != null) {
            throw new IncompatibleSchemaException(topic, bound.isKey(), schemaId, decoding.mismatch(), null);
        }
        BoundedDecoder in = BoundedDecoder.over(
                framed, WireFormat.HEADER_LENGTH, framed.length - WireFormat.HEADER_LENGTH, decoding.boundArrays());
        try {
            return decoding.reader().read(null, in);
        } catch (EOFException e) {
            throw new CorruptPayloadException(
                    SerdeFailure.TRUNCATED,
                    topic,
                    bound.isKey(),
                    schemaId,
                    "the bytes end before the record does" + detail(e),
                    e);
        } catch (AvroTypeException e) {
            throw new IncompatibleSchemaException(
                    topic, bound.isKey(), schemaId, "the data does not resolve to the reader schema" + detail(e), e);
        } catch (IOException | RuntimeException e) {
            throw new CorruptPayloadException(
                    SerdeFailure.CORRUPT_PAYLOAD,
                    topic,
                    bound.isKey(),
                    schemaId,
                    "the bytes do not decode with the writer schema: " + e,
                    e);
        }
    }

    private WriterDecoding<T> decoding(RegistryBinding bound, String topic, int schemaId) {
        WriterDecoding<T> recent = last;
        if (recent != null && recent.schemaId() == schemaId) {
            return recent;
        }
        WriterDecoding<T> decoding = decodings.get(schemaId);
        if (decoding == null) {
            decoding = build(bound, topic, schemaId);
            decodings.putIfAbsent(schemaId, decoding);
        }
        last = decoding;
        return decoding;
    }

    private WriterDecoding<T> build(RegistryBinding bound, String topic, int schemaId) {
        Schema writer;
        try {
            writer = bound.client().getById(schemaId);
        } catch (SchemaRegistryException e) {
            // Not cached: the registry may know the id, or be reachable, on the next record.
            throw RegistryFailures.reading(e, topic, bound.isKey(), schemaId);
        }
        try {
            return new WriterDecoding<>(
                    schemaId, data.readerFor(writer), BoundedDecoder.arrayItemsTakeBytes(writer), null);
        } catch (SchemaMismatch e) {
            return new WriterDecoding<>(schemaId, null, false, e.getMessage());
        }
    }

    private static String detail(Exception e) {
        return e.getMessage() == null ? "" : ": " + e.getMessage();
    }

    /** How to read the records of one writer schema id, or why they cannot be read. */
    private record WriterDecoding<T>(int schemaId, DatumReader<T> reader, boolean boundArrays, String mismatch) {}
}
