package io.zoommetering.serdes;

import static io.zoommetering.serdes.SerdeFailureAssertions.assertFailure;
import static org.assertj.core.api.Assertions.assertThat;

import io.zoommetering.serdes.registry.InMemorySchemaRegistry;
import java.util.Collections;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

/** A corrupt item count is refused before anything is allocated for it; a legitimately long array is not. */
class CollectionBoundsTest {

    private static final String TOPIC = "collections";

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final GenericAvroSerde serde = new GenericAvroSerde(registry, false);

    @Test
    void shouldRejectAnArrayCountTheBytesCannotHold() {
        // Given an array of strings declaring 1,000,000,000 items in 1 byte
        int id = registry.register(TOPIC + "-value", schema("{\"type\":\"array\",\"items\":\"string\"}"));
        byte[] bytes = {0, 0, 0, 0, (byte) id, (byte) 0x80, (byte) 0xA8, (byte) 0xD6, (byte) 0xB9, 0x07, 0x00};

        // When it is read, then it is truncated
        assertFailure(
                () -> serde.deserializer().deserialize(TOPIC, bytes),
                CorruptPayloadException.class,
                SerdeFailure.TRUNCATED,
                TOPIC);
    }

    @Test
    void shouldRejectAMapCountTheBytesCannotHold() {
        // Given a map declaring 1,000,000,000 entries in 1 byte
        int id = registry.register(TOPIC + "-value", schema("{\"type\":\"map\",\"values\":\"long\"}"));
        byte[] bytes = {0, 0, 0, 0, (byte) id, (byte) 0x80, (byte) 0xA8, (byte) 0xD6, (byte) 0xB9, 0x07, 0x00};

        // When it is read, then it is truncated
        assertFailure(
                () -> serde.deserializer().deserialize(TOPIC, bytes),
                CorruptPayloadException.class,
                SerdeFailure.TRUNCATED,
                TOPIC);
    }

    @Test
    void shouldReadAnArrayOfItemsThatTakeNoBytes() {
        // Given an array of 10 nulls, which Avro writes in 2 bytes
        Schema schema = schema("{\"type\":\"array\",\"items\":\"null\"}");
        GenericRecord record = new GenericData.Record(schema);
        record.put("items", Collections.nCopies(10, null));
        byte[] bytes = serde.serializer().serialize(TOPIC, record);

        // When it is read
        GenericRecord read = serde.deserializer().deserialize(TOPIC, bytes);

        // Then all 10 are there
        assertThat(bytes).hasSize(WireFormat.HEADER_LENGTH + 2);
        assertThat((List<?>) read.get("items")).hasSize(10);
    }

    private static Schema schema(String collection) {
        return new Schema.Parser()
                .parse("{\"type\":\"record\",\"name\":\"Holder\",\"fields\":[{\"name\":\"items\"," + "\"type\":"
                        + collection + "}]}");
    }
}
