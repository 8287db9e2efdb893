package io.zoommetering.topology.errors;

import io.zoommetering.avro.audit.ErrorAudit;
import io.zoommetering.avro.audit.ErrorAuditKey;
import io.zoommetering.avro.audit.ErrorStatus;
import io.zoommetering.avro.audit.ErrorType;
import io.zoommetering.avro.audit.OriginalHeader;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.KeyValue;

/**
 * Builds error records: the reason, where the record was read, and its key, value and headers exactly as read,
 * which is all it takes to produce it again after a fix. Both intake rejections and the processing exception
 * handler build them here, so an error looks the same whichever path caught it.
 */
public final class ErrorRecords {

    /**
     * The most bytes of an original value an error record (and so its dead letter) carries. A larger value would
     * make the error record larger than Kafka's default limit of a record (1 MiB: the producer's max.request.size,
     * the broker's message.max.bytes) and fail the transaction that writes it, again after every restart. Such a
     * value is kept cut to its first bytes, and the description says so, with its size and its SHA-256: the error
     * is never lost, and the whole record can be fetched from its source offset while the input topic retains it.
     */
    public static final int MAX_ORIGINAL_VALUE_BYTES = 512 * 1024;

    private final ZoneId zone;
    private final String sourceSystem;

    public ErrorRecords(ZoneId zone, String sourceSystem) {
        this.zone = zone;
        this.sourceSystem = sourceSystem;
    }

    /**
     * The error record for a record read at {@code topic}/{@code partition}/{@code offset}. The key, value and
     * header bytes are copied: the caller's arrays belong to a record Kafka may reuse, the error outlives it.
     * {@code headers} may be null (an error handler context without headers).
     */
    public KeyValue<ErrorAuditKey, ErrorAudit> error(
            String topic,
            int partition,
            long offset,
            long sourceTimestampMs,
            byte[] key,
            byte[] value,
            Headers headers,
            ErrorType type,
            String description,
            String process,
            Instant wallClock) {
        LocalDate today = LocalDate.ofInstant(wallClock, zone);
        boolean cut = value != null && value.length > MAX_ORIGINAL_VALUE_BYTES;
        ErrorAudit error = ErrorAudit.newBuilder()
                .setErrorType(type)
                .setErrorDescription(cut ? description + cutNote(value) : description)
                .setSourceTable(topic)
                .setSourcePartition(partition)
                .setSourceOffset(offset)
                .setErrorTimestamp(wallClock)
                .setSourceTimestamp(Instant.ofEpochMilli(sourceTimestampMs))
                .setProcessAuditInfo(process)
                .setStatus(ErrorStatus.OPEN)
                .setOriginalKey(wrap(key))
                .setOriginalValue(wrap(cut ? Arrays.copyOf(value, MAX_ORIGINAL_VALUE_BYTES) : value))
                .setOriginalHeaders(copies(headers))
                .setLoadDate(today)
                .setUpdateDate(today)
                .setSourceSystem(sourceSystem)
                .build();
        return KeyValue.pair(new ErrorAuditKey(topic, partition, offset), error);
    }

    private static String cutNote(byte[] value) {
        try {
            String sha256 = HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(value));
            return " [original value of " + value.length + " bytes (SHA-256 " + sha256 + ") cut to its first "
                    + MAX_ORIGINAL_VALUE_BYTES + " bytes; the whole record stays at its source offset]";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static List<OriginalHeader> copies(Headers headers) {
        List<OriginalHeader> copies = new ArrayList<>();
        if (headers != null) {
            for (Header header : headers) {
                copies.add(new OriginalHeader(header.key(), wrap(header.value())));
            }
        }
        return copies;
    }

    private static ByteBuffer wrap(byte[] bytes) {
        return bytes == null ? null : ByteBuffer.wrap(bytes.clone());
    }
}
