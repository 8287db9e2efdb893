package io.zoommetering.serdes;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoommetering.avro.common.PeriodType;
import io.zoommetering.avro.gold.PeriodKey;
import java.time.LocalDate;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

/**
 * Bytes written by hand from Confluent's documentation of its wire format and Avro's specification of the binary
 * encoding, so that the serdes are checked against the format and not against themselves.
 */
class ConfluentWireFormatFixtureTest {

    private static final Schema GREETING = new Schema.Parser()
            .parse("{\"type\":\"record\",\"name\":\"Greeting\","
                    + "\"namespace\":\"fixture\",\"fields\":[{\"name\":\"text\",\"type\":\"string\"}]}");

    /** Greeting{text="hi"}, schema id 42. */
    private static final byte[] GREETING_HI = {
        0x00, // magic byte
        0x00,
        0x00,
        0x00,
        0x2A, // schema id 42, 4 bytes big-endian
        0x04, // string length 2, zigzag varint (2 << 1)
        0x68,
        0x69 // "hi" in UTF-8
    };

    /** PeriodKey{period_type=DAILY, activity_date=2026-11-21}, schema id 42. */
    private static final byte[] DAILY_2026_11_21 = {
        0x00, // magic byte
        0x00,
        0x00,
        0x00,
        0x2A, // schema id 42
        0x02, // enum index 1 (HOURLY, DAILY, ...), zigzag varint
        (byte) 0xD4,
        (byte) 0xC4,
        0x02 // date: day 20778 since 1970-01-01, zigzag 41556, varint
    };

    @Test
    void shouldDecodeAHandBuiltConfluentFramedRecord() {
        // Given a generic serde over a registry holding the schema as id 42
        GenericAvroSerde serde = new GenericAvroSerde(new FixedIdRegistry(42, GREETING), false);

        // When it reads the hand-built bytes
        GenericRecord greeting = serde.deserializer().deserialize("greetings", GREETING_HI);

        // Then the record is Greeting{text="hi"}
        assertThat(greeting.getSchema()).isEqualTo(GREETING);
        assertThat(greeting.get("text")).hasToString("hi");
    }

    @Test
    void shouldEncodeExactlyTheHandBuiltBytes() {
        // Given a generic serde whose schema is registered as id 42
        GenericAvroSerde serde = new GenericAvroSerde(new FixedIdRegistry(42, GREETING), false);
        GenericRecord greeting = new GenericData.Record(GREETING);
        greeting.put("text", "hi");

        // When it writes Greeting{text="hi"}
        byte[] bytes = serde.serializer().serialize("greetings", greeting);

        // Then the bytes are those of the documentation, byte for byte
        assertThat(bytes).containsExactly(GREETING_HI);
    }

    @Test
    void shouldDecodeAHandBuiltGeneratedKeyRecord() {
        // Given a serde of a generated key class, its schema registered as id 42
        SpecificAvroSerde<PeriodKey> serde =
                new SpecificAvroSerde<>(PeriodKey.class, new FixedIdRegistry(42, PeriodKey.getClassSchema()), true);

        // When it reads the hand-built bytes
        PeriodKey key = serde.deserializer().deserialize("gold.active-users", DAILY_2026_11_21);

        // Then the enum and the date logical type come out as Java types
        assertThat(key.getPeriodType()).isEqualTo(PeriodType.DAILY);
        assertThat(key.getActivityDate()).isEqualTo(LocalDate.of(2026, 11, 21));
    }

    @Test
    void shouldEncodeAGeneratedKeyRecordToTheHandBuiltBytes() {
        // Given a serde of a generated key class, its schema registered as id 42
        SpecificAvroSerde<PeriodKey> serde =
                new SpecificAvroSerde<>(PeriodKey.class, new FixedIdRegistry(42, PeriodKey.getClassSchema()), true);

        // When it writes the key of 2026-11-21, DAILY
        byte[] bytes = serde.serializer()
                .serialize("gold.active-users", new PeriodKey(PeriodType.DAILY, LocalDate.of(2026, 11, 21)));

        // Then the bytes are the hand-built ones
        assertThat(bytes).containsExactly(DAILY_2026_11_21);
    }
}
