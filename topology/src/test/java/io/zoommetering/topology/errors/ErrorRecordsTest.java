package io.zoommetering.topology.errors;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoommetering.avro.audit.ErrorAudit;
import io.zoommetering.avro.audit.ErrorAuditKey;
import io.zoommetering.avro.audit.ErrorStatus;
import io.zoommetering.avro.audit.ErrorType;
import io.zoommetering.avro.audit.OriginalHeader;
import io.zoommetering.serdes.registry.InMemorySchemaRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ErrorRecordsTest {

    private final String scope = "error-records-" + UUID.randomUUID();

    @AfterEach
    void dropRegistry() {
        InMemorySchemaRegistry.dropScope(scope);
    }

    @Test
    void shouldKeepWhereWhyAndWhenWithCopiesOfTheBytesAsRead() {
        // Given a record's bytes, with a header without a value, and an error past midnight UTC but not in New York
        byte[] key = utf8("u-1");
        byte[] value = {0, 0, 0, 0, 7, 1, 2, 3};
        byte[] trace = utf8("t-1");
        Headers headers = new RecordHeaders().add("trace", trace).add("empty", null);
        Instant wallClock = Instant.parse("2026-03-04T03:00:00Z");

        // When an error record is built for it
        KeyValue<ErrorAuditKey, ErrorAudit> built = new ErrorRecords(ZoneId.of("America/New_York"), "zoom")
                .error(
                        "zoom.meetings",
                        3,
                        17L,
                        5L,
                        key,
                        value,
                        headers,
                        ErrorType.VALIDATION,
                        "amount is negative",
                        "intake-zoom.meetings",
                        wallClock);

        // Then it names where the record was read, why and when it was rejected, in the reporting zone's dates
        assertThat(built.key).isEqualTo(new ErrorAuditKey("zoom.meetings", 3, 17L));
        ErrorAudit error = built.value;
        assertThat(error.getErrorType()).isEqualTo(ErrorType.VALIDATION);
        assertThat(error.getErrorDescription()).isEqualTo("amount is negative");
        assertThat(error.getSourceTable()).isEqualTo("zoom.meetings");
        assertThat(error.getSourcePartition()).isEqualTo(3);
        assertThat(error.getSourceOffset()).isEqualTo(17L);
        assertThat(error.getErrorTimestamp()).isEqualTo(wallClock);
        assertThat(error.getSourceTimestamp()).isEqualTo(Instant.ofEpochMilli(5L));
        assertThat(error.getProcessAuditInfo()).isEqualTo("intake-zoom.meetings");
        assertThat(error.getStatus()).isEqualTo(ErrorStatus.OPEN);
        assertThat(error.getLoadDate()).isEqualTo(LocalDate.parse("2026-03-03"));
        assertThat(error.getUpdateDate()).isEqualTo(LocalDate.parse("2026-03-03"));
        assertThat(error.getSourceSystem()).isEqualTo("zoom");
        // And it keeps the key, value and headers in order, as copies the caller's arrays cannot change
        key[0] = 'x';
        value[0] = 9;
        trace[0] = 'x';
        assertThat(error.getOriginalKey()).isEqualTo(ByteBuffer.wrap(utf8("u-1")));
        assertThat(error.getOriginalValue()).isEqualTo(ByteBuffer.wrap(new byte[] {0, 0, 0, 0, 7, 1, 2, 3}));
        assertThat(error.getOriginalHeaders())
                .containsExactly(
                        new OriginalHeader("trace", ByteBuffer.wrap(utf8("t-1"))), new OriginalHeader("empty", null));
    }

    @Test
    void shouldCutAValueTooLargeForTheErrorTopicAndSaySoWithItsSizeAndHash() throws Exception {
        // Given a value of 3 MB (the error topic, like Kafka's defaults, takes records of up to 1 MiB)
        byte[] value = new byte[3 * 1024 * 1024];
        new java.util.Random(7).nextBytes(value);

        // When its error record is built
        ErrorAudit error = new ErrorRecords(ZoneId.of("UTC"), "zoom")
                .error(
                        "zoom.meetings",
                        1,
                        99L,
                        0L,
                        utf8("m-1"),
                        value,
                        null,
                        ErrorType.DESERIALIZATION,
                        "not Avro",
                        "meetings",
                        Instant.EPOCH)
                .value;

        // Then it keeps the first bytes, and its description the size and SHA-256 of the whole value
        assertThat(error.getOriginalValue())
                .isEqualTo(ByteBuffer.wrap(java.util.Arrays.copyOf(value, ErrorRecords.MAX_ORIGINAL_VALUE_BYTES)));
        String sha256 = java.util.HexFormat.of()
                .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(value));
        assertThat(error.getErrorDescription())
                .startsWith("not Avro [original value of " + value.length + " bytes (SHA-256 " + sha256 + ") cut to");
    }

    @Test
    void shouldKeepAValueOfTheLimitWhole() {
        byte[] value = new byte[ErrorRecords.MAX_ORIGINAL_VALUE_BYTES];

        ErrorAudit error = new ErrorRecords(ZoneId.of("UTC"), "zoom")
                .error(
                        "zoom.meetings",
                        0,
                        0L,
                        0L,
                        null,
                        value,
                        null,
                        ErrorType.DESERIALIZATION,
                        "x",
                        "p",
                        Instant.EPOCH)
                .value;

        assertThat(error.getOriginalValue().remaining()).isEqualTo(value.length);
        assertThat(error.getErrorDescription()).isEqualTo("x");
    }

    @Test
    void shouldKeepNoHeadersNorBytesWhenTheRecordHadNone() {
        // When an error record is built from a handler context without headers, for a tombstone without a key
        ErrorAudit error = new ErrorRecords(ZoneId.of("UTC"), "zoom")
                .error(
                        "zoom.users",
                        0,
                        0L,
                        0L,
                        null,
                        null,
                        null,
                        ErrorType.PROCESSING,
                        "in users: boom",
                        "users",
                        Instant.EPOCH)
                .value;

        // Then it has no headers and no key or value
        assertThat(error.getOriginalHeaders()).isEmpty();
        assertThat(error.getOriginalKey()).isNull();
        assertThat(error.getOriginalValue()).isNull();
    }

    @Test
    void shouldGiveTheDeadLettersOfIntakeAndOfTheHandlerTheSameHeaders() {
        // Given one failed record: its bytes, where it was read, and the failure as the handler describes it
        byte[] key = utf8("u-1");
        byte[] value = {0, 0, 0, 0, 7, 1, 2, 3};
        Headers headers = new RecordHeaders().add("trace", utf8("t-1"));
        String description = "in account-ledgers: java.lang.IllegalStateException: no plan rule";

        // When intake's path builds the error record and turns it into a dead letter
        ErrorAudit error = new ErrorRecords(ZoneId.of("UTC"), "zoom-metering")
                .error(
                        "app-by-account-repartition",
                        2,
                        41L,
                        5L,
                        key,
                        value,
                        headers,
                        ErrorType.PROCESSING,
                        description,
                        "account-ledgers",
                        Instant.now())
                .value;
        MockProcessorContext<byte[], byte[]> context = new MockProcessorContext<>();
        DeadLetters deadLetters = new DeadLetters();
        deadLetters.init(context);
        deadLetters.process(new Record<>(null, error, 5L));
        Headers fromIntake = context.forwarded().get(0).record().headers();
        // And the handler's path handles the same record failing the same way
        ProcessingErrorHandler handler = new ProcessingErrorHandler();
        handler.configure(Map.of("schema.registry.url", "mock://" + scope));
        Headers fromHandler = handler.handleError(
                        ProcessingErrorHandlerTest.context("app-by-account-repartition", 2, 41L, key, value, headers),
                        new Record<>("u-1", "decoded", 5L),
                        new IllegalStateException("no plan rule"))
                .deadLetterQueueRecords()
                .get(1)
                .headers();

        // Then both dead letters carry the same headers in the same order: the original ones, then the zm.* ones
        List<Header> expected = List.of(
                new RecordHeader("trace", utf8("t-1")),
                new RecordHeader(DeadLetters.ERROR_TYPE, utf8("PROCESSING")),
                new RecordHeader(DeadLetters.ERROR_DESCRIPTION, utf8(description)),
                new RecordHeader(DeadLetters.SOURCE_TOPIC, utf8("app-by-account-repartition")),
                new RecordHeader(DeadLetters.SOURCE_PARTITION, utf8("2")),
                new RecordHeader(DeadLetters.SOURCE_OFFSET, utf8("41")));
        assertThat(fromIntake.toArray()).containsExactlyElementsOf(expected);
        assertThat(fromHandler.toArray()).containsExactlyElementsOf(expected);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
