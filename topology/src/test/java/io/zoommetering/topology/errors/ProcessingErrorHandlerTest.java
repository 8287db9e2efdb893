package io.zoommetering.topology.errors;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoommetering.avro.audit.ErrorAudit;
import io.zoommetering.avro.audit.ErrorType;
import io.zoommetering.avro.common.PlanType;
import io.zoommetering.avro.internal.AccountEnvelope;
import io.zoommetering.avro.internal.EnvelopeKind;
import io.zoommetering.avro.usage.User;
import io.zoommetering.avro.usage.UserStatus;
import io.zoommetering.serdes.SpecificAvroSerde;
import io.zoommetering.serdes.registry.InMemorySchemaRegistry;
import io.zoommetering.topology.pii.PersonalData;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProcessingErrorHandlerTest {

    private final String scope = "handler-" + UUID.randomUUID();

    @AfterEach
    void dropRegistry() {
        InMemorySchemaRegistry.dropScope(scope);
    }

    @Test
    void shouldResumeWithAProcessingErrorAndADeadLetterHoldingTheSourceBytes() {
        // Given the handler, configured as Kafka Streams configures it
        ProcessingErrorHandler handler = new ProcessingErrorHandler();
        handler.configure(Map.of("schema.registry.url", "mock://" + scope));
        byte[] key = "u-1".getBytes(StandardCharsets.UTF_8);
        byte[] value = {0, 0, 0, 0, 7, 1, 2, 3};
        Headers headers = new RecordHeaders().add("trace", "t-1".getBytes(StandardCharsets.UTF_8));

        // When a processor fails on a record read from a repartition topic
        ProcessingExceptionHandler.Response response = handler.handleError(
                context("app-by-account-repartition", 2, 41L, key, value, headers),
                new Record<>("u-1", "decoded", 5L),
                new IllegalStateException("no plan rule"));

        // Then processing resumes, with an error record and a dead letter
        assertThat(response.result()).isEqualTo(ProcessingExceptionHandler.Result.RESUME);
        List<ProducerRecord<byte[], byte[]>> records = response.deadLetterQueueRecords();
        assertThat(records)
                .extracting(ProducerRecord::topic)
                .containsExactly("gold.audit.errors", "zoom-metering.dead-letters");

        SpecificAvroSerde<ErrorAudit> serde =
                new SpecificAvroSerde<>(ErrorAudit.class, InMemorySchemaRegistry.forScope(scope), false);
        ErrorAudit error = serde.deserializer()
                .deserialize("gold.audit.errors", records.get(0).value());
        assertThat(error.getErrorType()).isEqualTo(ErrorType.PROCESSING);
        assertThat(error.getErrorDescription()).contains("account-ledgers").contains("no plan rule");
        assertThat(error.getSourceTable()).isEqualTo("app-by-account-repartition");
        assertThat(error.getSourcePartition()).isEqualTo(2);
        assertThat(error.getSourceOffset()).isEqualTo(41L);
        assertThat(error.getOriginalValue()).isEqualTo(ByteBuffer.wrap(value));
        assertThat(error.getOriginalHeaders()).hasSize(1);

        ProducerRecord<byte[], byte[]> deadLetter = records.get(1);
        assertThat(deadLetter.key()).isEqualTo(key);
        assertThat(deadLetter.value()).isEqualTo(value);
        assertThat(new String(
                        deadLetter.headers().lastHeader(DeadLetters.ERROR_TYPE).value(), StandardCharsets.UTF_8))
                .isEqualTo("PROCESSING");
        assertThat(deadLetter.headers().lastHeader("trace")).isNotNull();
    }

    @Test
    void shouldKeepNamesAndEmailsOutOfTheDescriptionButInTheOriginalBytes() {
        // Given the handler, and a user profile on its way to the account ledgers
        ProcessingErrorHandler handler = new ProcessingErrorHandler();
        handler.configure(Map.of("schema.registry.url", "mock://" + scope));
        User user = User.newBuilder()
                .setEventId("e-1")
                .setEventTime(Instant.parse("2026-03-10T09:00:00Z"))
                .setSourceSystem("test")
                .setUserId("u-7")
                .setUserName("Grace Hopper")
                .setEmail("grace.hopper@navy.example")
                .setCompany("Navy")
                .setPlanType(PlanType.PRO)
                .setUserStatus(UserStatus.ACTIVE)
                .setLocation("US")
                .setRegistrationDate(LocalDate.of(2025, 1, 1))
                .build();
        AccountEnvelope envelope = new AccountEnvelope("users", EnvelopeKind.CURRENT, user);
        byte[] value = user.toString().getBytes(StandardCharsets.UTF_8);

        // When a processor fails with an exception that quotes the whole record, as Avro's and toString()s do
        ProcessingExceptionHandler.Response response = handler.handleError(
                context(
                        "app-by-account-repartition",
                        0,
                        3L,
                        "u-7".getBytes(StandardCharsets.UTF_8),
                        value,
                        new RecordHeaders()),
                new Record<>("u-7", envelope, 5L),
                new IllegalStateException("cannot ledger " + envelope));

        // Then the description keeps the ids and the failure but no name or e-mail; the replay bytes are intact
        SpecificAvroSerde<ErrorAudit> serde =
                new SpecificAvroSerde<>(ErrorAudit.class, InMemorySchemaRegistry.forScope(scope), false);
        List<ProducerRecord<byte[], byte[]>> records = response.deadLetterQueueRecords();
        ErrorAudit error = serde.deserializer()
                .deserialize("gold.audit.errors", records.get(0).value());
        assertThat(error.getErrorDescription())
                .contains("cannot ledger", "u-7", PersonalData.REDACTED)
                .doesNotContain("Grace Hopper")
                .doesNotContain("grace.hopper@navy.example");
        assertThat(error.getOriginalValue()).isEqualTo(ByteBuffer.wrap(value));
        assertThat(records.get(1).value()).isEqualTo(value);
    }

    static ErrorHandlerContext context(
            String topic, int partition, long offset, byte[] key, byte[] value, Headers headers) {
        return new ErrorHandlerContext() {
            @Override
            public String topic() {
                return topic;
            }

            @Override
            public int partition() {
                return partition;
            }

            @Override
            public long offset() {
                return offset;
            }

            @Override
            public Headers headers() {
                return headers;
            }

            @Override
            public String processorNodeId() {
                return "account-ledgers";
            }

            @Override
            public TaskId taskId() {
                return new TaskId(1, partition);
            }

            @Override
            public long timestamp() {
                return 5L;
            }

            @Override
            public byte[] sourceRawKey() {
                return key;
            }

            @Override
            public byte[] sourceRawValue() {
                return value;
            }
        };
    }
}
