package io.zoommetering.app.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zoommetering.app.events.EventFileException;
import io.zoommetering.app.events.TopicTypes;
import io.zoommetering.avro.common.PeriodType;
import io.zoommetering.avro.gold.ActiveUsers;
import io.zoommetering.avro.gold.PeriodKey;
import io.zoommetering.avro.usage.Meeting;
import io.zoommetering.avro.usage.MeetingStatus;
import io.zoommetering.avro.usage.MeetingType;
import io.zoommetering.serdes.SpecificAvroSerde;
import io.zoommetering.serdes.registry.InMemorySchemaRegistry;
import io.zoommetering.topology.config.MeteringConfig;
import io.zoommetering.topology.config.TopicCatalog;
import io.zoommetering.topology.output.activeusers.ActiveUsersOutput;
import io.zoommetering.topology.topics.RegistryAvroSerdes;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoldExportTest {

    private static final String ACTIVE_USERS = "gold.active-users";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final SpecificAvroSerde<PeriodKey> keys = new SpecificAvroSerde<>(PeriodKey.class, registry, true);
    private final SpecificAvroSerde<ActiveUsers> values = new SpecificAvroSerde<>(ActiveUsers.class, registry, false);
    private final List<ConsumerRecord<byte[], byte[]>> log = new ArrayList<>();
    private final Map<TopicPartition, Long> offsets = new HashMap<>();

    @TempDir
    Path dir;

    @Test
    void keepsTheLatestValuePerKeyAndDropsDeletedKeys() throws IOException {
        // Given a gold topic of two partitions: updates, a tombstone, and a key deleted then written again
        put(0, key(2), users(5));
        put(1, key(1), users(3));
        put(0, key(2), users(7));
        put(1, key(3), users(1));
        put(1, key(3), null);
        put(0, key(4), null);
        put(0, key(4), users(9));
        GoldExport export = export();
        // When it is read
        Map<Object, IndexedRecord> table =
                export.read(List.of(ACTIVE_USERS), TIMEOUT).get(ACTIVE_USERS);
        // Then it holds the latest value per key, in key order
        assertThat(table)
                .containsExactly(Map.entry(key(1), users(3)), Map.entry(key(2), users(7)), Map.entry(key(4), users(9)));
        // and the same as a typed table
        TopicCatalog catalog = new TopicCatalog(new MeteringConfig(Map.of()), RegistryAvroSerdes.of(registry));
        assertThat(export().table(catalog.output(ActiveUsersOutput.INSTANCE), TIMEOUT))
                .containsOnly(Map.entry(key(1), users(3)), Map.entry(key(2), users(7)), Map.entry(key(4), users(9)));
        // and as lines, read back the same
        Path file = dir.resolve("gold.jsonl");
        assertThat(export().export(List.of(ACTIVE_USERS), file, TIMEOUT)).isEqualTo(3);
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines.get(0))
                .isEqualTo("{\"topic\": \"gold.active-users\", \"key\": {\"period_type\": \"DAILY\", "
                        + "\"activity_date\": \"2026-03-01\"}, \"value\": {\"active_user_count\": 3, \"load_date\": "
                        + "\"2026-03-02\", \"update_date\": \"2026-03-02\", \"source_system\": \"zoom-metering\"}}");
        assertThat(GoldExport.readFile(file, TopicTypes.defaults())).containsExactly(Map.entry(ACTIVE_USERS, table));
    }

    @Test
    void aTopicThatDoesNotExistIsEmpty() {
        assertThat(export().read(List.of(ACTIVE_USERS, "gold.mrr"), TIMEOUT))
                .containsExactly(Map.entry(ACTIVE_USERS, Map.of()), Map.entry("gold.mrr", Map.of()));
    }

    @Test
    void undecodableValuesAreExportedAsTheirBytes() throws IOException {
        put(0, key(1), users(2));
        log.add(new ConsumerRecord<>(
                ACTIVE_USERS,
                0,
                offsets.merge(new TopicPartition(ACTIVE_USERS, 0), 1L, Long::sum) - 1,
                keys.serializer().serialize(ACTIVE_USERS, key(2)),
                new byte[] {7, 7}));
        StringWriter out = new StringWriter();
        assertThat(export().export(List.of(ACTIVE_USERS), out, TIMEOUT)).isEqualTo(2);
        assertThat(out.toString())
                .contains("\"key\": {\"period_type\": \"DAILY\", \"activity_date\": "
                        + "\"2026-03-02\"}, \"value_base64\": \"Bwc=\"}");
        assertThatThrownBy(() -> export().read(List.of(ACTIVE_USERS), TIMEOUT))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("partition 0 offset 1");
    }

    @Test
    void topicsOutsideTheCatalogDecodeAsGenericAvroOrText() {
        SpecificAvroSerde<Meeting> meetings = new SpecificAvroSerde<>(Meeting.class, registry, false);
        Meeting meeting = Meeting.newBuilder()
                .setEventId("e")
                .setEventTime(Instant.EPOCH)
                .setMeetingId("m-1")
                .setHostUserId("u")
                .setMeetingTopic("t")
                .setMeetingType(MeetingType.SCHEDULED)
                .setStatus(MeetingStatus.STARTED)
                .setStartTime(Instant.EPOCH)
                .build();
        putRaw(
                "acme.copy",
                0,
                "m-1".getBytes(StandardCharsets.UTF_8),
                meetings.serializer().serialize("acme.copy", meeting));
        putRaw(
                "acme.copy",
                0,
                keys.serializer().serialize("acme.copy", key(1)),
                meetings.serializer().serialize("acme.copy", meeting));
        Map<Object, IndexedRecord> table =
                export().read(List.of("acme.copy"), TIMEOUT).get("acme.copy");
        assertThat(table).hasSize(2).containsKey("m-1");
        assertThat(table.get("m-1")).isInstanceOf(GenericRecord.class);
        assertThat(table.get("m-1")
                        .get(meeting.getSchema().getField("meeting_id").pos())
                        .toString())
                .isEqualTo("m-1");
    }

    @Test
    void aBadExportLineNamesItsLine() throws IOException {
        Path file = dir.resolve("bad.jsonl");
        Files.writeString(
                file,
                "{\"topic\": \"gold.active-users\", \"key\": {\"period_type\": \"DAILY\", "
                        + "\"activity_date\": \"2026-03-02\"}, \"value\": null}\n"
                        + "{\"topic\": \"gold.active-users\", \"key\": {\"period_type\": \"SOMETIMES\", "
                        + "\"activity_date\": \"2026-03-02\"}, \"value\": null}\n");
        assertThatThrownBy(() -> GoldExport.readFile(file, TopicTypes.defaults()))
                .isInstanceOf(EventFileException.class)
                .hasMessageContaining(":2: period_type: 'SOMETIMES'");
    }

    private GoldExport export() {
        return new GoldExport(
                () -> {
                    MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
                    Map<String, List<PartitionInfo>> partitions = new HashMap<>();
                    Map<TopicPartition, Long> beginnings = new HashMap<>();
                    offsets.forEach((partition, end) -> {
                        partitions
                                .computeIfAbsent(partition.topic(), t -> new ArrayList<>())
                                .add(new PartitionInfo(partition.topic(), partition.partition(), null, null, null));
                        beginnings.put(partition, 0L);
                    });
                    partitions.forEach(consumer::updatePartitions);
                    consumer.updateBeginningOffsets(beginnings);
                    consumer.updateEndOffsets(offsets);
                    // Records arrive after assignment, a few polls' worth at a time
                    consumer.schedulePollTask(() -> log.forEach(consumer::addRecord));
                    return consumer;
                },
                registry,
                TopicTypes.defaults());
    }

    private void put(int partition, PeriodKey key, ActiveUsers value) {
        putRaw(
                ACTIVE_USERS,
                partition,
                keys.serializer().serialize(ACTIVE_USERS, key),
                value == null ? null : values.serializer().serialize(ACTIVE_USERS, value));
    }

    private void putRaw(String topic, int partition, byte[] key, byte[] value) {
        TopicPartition tp = new TopicPartition(topic, partition);
        long offset = offsets.merge(tp, 1L, Long::sum) - 1;
        log.add(new ConsumerRecord<>(topic, partition, offset, key, value));
    }

    private static PeriodKey key(int day) {
        return new PeriodKey(PeriodType.DAILY, LocalDate.of(2026, 3, day));
    }

    private static ActiveUsers users(long count) {
        return new ActiveUsers(count, LocalDate.of(2026, 3, 2), LocalDate.of(2026, 3, 2), "zoom-metering");
    }
}
