package io.zoommetering.serdes;

import static io.zoommetering.serdes.SerdeFailureAssertions.assertFailure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.zoommetering.avro.gold.PeriodKey;
import io.zoommetering.avro.usage.Meeting;
import io.zoommetering.serdes.registry.InMemorySchemaRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.Test;

/** Every way the bytes of a record can be wrong, each a typed failure that names the topic and the reason. */
class DeserializationFailuresTest {

    private static final String TOPIC = "zoom.meetings";

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final SpecificAvroSerde<Meeting> serde = new SpecificAvroSerde<>(Meeting.class, registry, false);
    private final Deserializer<Meeting> deserializer = serde.deserializer();
    private final byte[] valid = serde.serializer().serialize(TOPIC, new SampleRecords(3).of(Meeting.class));
    private final int id = registry.getId(TOPIC + "-value", Meeting.getClassSchema());

    @Test
    void shouldRejectAnUnknownMagicByte() {
        // Given a valid record whose first byte is not 0
        byte[] bytes = valid.clone();
        bytes[0] = 1;

        // When it is read, then it is rejected as not Confluent-framed, without a schema id
        UnknownMagicByteException e = assertFailure(
                () -> deserializer.deserialize(TOPIC, bytes),
                UnknownMagicByteException.class,
                SerdeFailure.UNKNOWN_MAGIC_BYTE,
                TOPIC);
        assertThat(e).hasMessageContaining("0x01");
        assertThat(e.schemaId()).isEmpty();
        assertThat(e.isKey()).isFalse();
    }

    @Test
    void shouldRejectAnUnknownSchemaId() {
        // Given a record framed with id 999, which the registry does not have
        byte[] bytes = {0, 0, 0, 0x03, (byte) 0xE7, 0x02, 0x02, 0x61};

        // When it is read, then the id is reported unknown
        UnknownSchemaIdException e = assertFailure(
                () -> deserializer.deserialize(TOPIC, bytes),
                UnknownSchemaIdException.class,
                SerdeFailure.UNKNOWN_SCHEMA_ID,
                TOPIC);
        assertThat(e.schemaId()).hasValue(999);
    }

    @Test
    void shouldReadARecordWhoseSchemaIdBecameKnownAfterAFailure() {
        // Given a record of a schema id the registry did not know when the record was first read
        Schema other = PeriodKey.getClassSchema();
        byte[] bytes = {0, 0, 0, 0, 2, 0x02, 0x02};
        assertFailure(
                () -> deserializer.deserialize(TOPIC, bytes),
                UnknownSchemaIdException.class,
                SerdeFailure.UNKNOWN_SCHEMA_ID,
                TOPIC);

        // When the registry learns the id and the record is read again
        registry.register("elsewhere-value", other);
        Throwable retried = catchThrowable(() -> deserializer.deserialize(TOPIC, bytes));

        // Then the failure was not remembered: it now fails, rightly, as another record type
        assertThat(retried).isInstanceOf(IncompatibleSchemaException.class);
    }

    @Test
    void shouldRejectAnEmptyArray() {
        // Given no bytes at all (not a tombstone, which is null)
        // When they are read, then they are too short for the header
        AvroSerdeException e = assertFailure(
                () -> deserializer.deserialize(TOPIC, new byte[0]),
                CorruptPayloadException.class,
                SerdeFailure.TRUNCATED,
                TOPIC);
        assertThat(e.schemaId()).isEmpty();
    }

    @Test
    void shouldRejectBytesShorterThanTheHeader() {
        // Given the first 3 bytes of a record
        byte[] bytes = Arrays.copyOf(valid, 3);

        // When they are read, then they are truncated
        assertFailure(
                () -> deserializer.deserialize(TOPIC, bytes),
                CorruptPayloadException.class,
                SerdeFailure.TRUNCATED,
                TOPIC);
    }

    @Test
    void shouldRejectAHeaderWithoutPayload() {
        // Given the 5-byte header of a record alone
        byte[] bytes = Arrays.copyOf(valid, WireFormat.HEADER_LENGTH);

        // When it is read, then it is truncated, and the schema id is known
        CorruptPayloadException e = assertFailure(
                () -> deserializer.deserialize(TOPIC, bytes),
                CorruptPayloadException.class,
                SerdeFailure.TRUNCATED,
                TOPIC);
        assertThat(e.schemaId()).hasValue(id);
    }

    @Test
    void shouldRejectHalfAPayload() {
        // Given a record cut in the middle of its Avro data
        byte[] bytes = Arrays.copyOf(valid, WireFormat.HEADER_LENGTH + (valid.length - WireFormat.HEADER_LENGTH) / 2);

        // When it is read, then it is truncated
        assertFailure(
                () -> deserializer.deserialize(TOPIC, bytes),
                CorruptPayloadException.class,
                SerdeFailure.TRUNCATED,
                TOPIC);
    }

    @Test
    void shouldRejectEveryTruncationOfARecord() {
        // Given a record cut at every length short of its own
        for (int length = WireFormat.HEADER_LENGTH; length < valid.length; length++) {
            byte[] bytes = Arrays.copyOf(valid, length);

            // When it is read, then it is truncated
            assertFailure(
                    () -> deserializer.deserialize(TOPIC, bytes),
                    CorruptPayloadException.class,
                    SerdeFailure.TRUNCATED,
                    TOPIC);
        }
    }

    @Test
    void shouldRejectAHugeDeclaredLengthWithoutAllocatingIt() {
        // Given a record whose first string declares 2,000,000,000 bytes and holds 1
        byte[] bytes = {
            0,
            0,
            0,
            0,
            (byte) id,
            0x02, // event_id: the string branch
            (byte) 0x80,
            (byte) 0xD0,
            (byte) 0xAC,
            (byte) 0xF3,
            (byte) 0x0E, // length 2e9, zigzag varint
            0x61
        };

        // When it is read, then it is refused at once as truncated, instead of allocating 2 GB
        assertFailure(
                () -> deserializer.deserialize(TOPIC, bytes),
                CorruptPayloadException.class,
                SerdeFailure.TRUNCATED,
                TOPIC);
    }

    @Test
    void shouldRejectANegativeLengthAsCorrupt() {
        // Given a record whose first string declares a length of -1
        byte[] bytes = {0, 0, 0, 0, (byte) id, 0x02, 0x01, 0x61};

        // When it is read, then it is corrupt
        assertFailure(
                () -> deserializer.deserialize(TOPIC, bytes),
                CorruptPayloadException.class,
                SerdeFailure.CORRUPT_PAYLOAD,
                TOPIC);
    }

    @Test
    void shouldRejectAUnionBranchTheSchemaDoesNotHaveAsCorrupt() {
        // Given a record whose first field, a union of 2 branches, says branch 5
        byte[] bytes = {0, 0, 0, 0, (byte) id, 0x0A, 0x02, 0x61};

        // When it is read, then it is corrupt
        assertFailure(
                () -> deserializer.deserialize(TOPIC, bytes),
                CorruptPayloadException.class,
                SerdeFailure.CORRUPT_PAYLOAD,
                TOPIC);
    }

    @Test
    void shouldRejectAWriterSchemaThatDoesNotResolveToTheReaders() {
        // Given a meeting written without host_user_id, which the current schema requires with no default
        byte[] bytes = writeGeneric(MeetingSchemas.without("host_user_id"));

        // When the current class reads it, then the schemas are incompatible, and the message says where
        IncompatibleSchemaException e = assertFailure(
                () -> deserializer.deserialize(TOPIC, bytes),
                IncompatibleSchemaException.class,
                SerdeFailure.INCOMPATIBLE_SCHEMA,
                TOPIC);
        assertThat(e).hasMessageContaining("host_user_id");
        assertThat(e.schemaId()).isNotEmpty();
    }

    @Test
    void shouldRejectAFieldOfAnotherType() {
        // Given a meeting written with meeting_topic as an int
        Schema retyped = MeetingSchemas.retyped("meeting_topic", Schema.create(Schema.Type.INT));
        GenericRecord meeting = MeetingSchemas.endedMeeting(retyped);
        meeting.put("meeting_topic", 42);
        byte[] bytes = new GenericAvroSerde(registry, false).serializer().serialize(TOPIC, meeting);

        // When the current class reads it, then the schemas are incompatible, every time
        for (int i = 0; i < 2; i++) {
            assertFailure(
                    () -> deserializer.deserialize(TOPIC, bytes),
                    IncompatibleSchemaException.class,
                    SerdeFailure.INCOMPATIBLE_SCHEMA,
                    TOPIC);
        }
    }

    @Test
    void shouldRejectARecordOfAnotherType() {
        // Given a gold key written on the meetings topic
        byte[] bytes = new SpecificAvroSerde<>(PeriodKey.class, registry, false)
                .serializer()
                .serialize(TOPIC, new SampleRecords(5).of(PeriodKey.class));

        // When it is read as a meeting, then the schemas are incompatible
        assertFailure(
                () -> deserializer.deserialize(TOPIC, bytes),
                IncompatibleSchemaException.class,
                SerdeFailure.INCOMPATIBLE_SCHEMA,
                TOPIC);
    }

    @Test
    void shouldReportAnUnreachableRegistry() throws IOException {
        // Given a serde configured with a registry that is not there
        SpecificAvroSerde<Meeting> unreachable = new SpecificAvroSerde<>(Meeting.class);
        unreachable.configure(
                Map.of("schema.registry.url", "http://127.0.0.1:" + closedPort(), "max.retries", 0), false);

        // When it reads a record, then the registry is unreachable, for the record's schema id
        RegistryUnreachableException e = assertFailure(
                () -> unreachable.deserializer().deserialize(TOPIC, valid),
                RegistryUnreachableException.class,
                SerdeFailure.REGISTRY_UNREACHABLE,
                TOPIC);
        assertThat(e.schemaId()).hasValue(id);
    }

    @Test
    void shouldNameTheKeyWhenAKeyFails() {
        // Given a key deserializer
        Deserializer<Meeting> keys = new SpecificAvroSerde<>(Meeting.class, registry, true).deserializer();

        // When it reads garbage, then the failure says it was the key
        UnknownMagicByteException e = assertFailure(
                () -> keys.deserialize(TOPIC, new byte[] {7}),
                UnknownMagicByteException.class,
                SerdeFailure.UNKNOWN_MAGIC_BYTE,
                TOPIC);
        assertThat(e.isKey()).isTrue();
        assertThat(e).hasMessageContaining("key of topic");
    }

    private byte[] writeGeneric(Schema writer) {
        return new GenericAvroSerde(registry, false).serializer().serialize(TOPIC, MeetingSchemas.endedMeeting(writer));
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
