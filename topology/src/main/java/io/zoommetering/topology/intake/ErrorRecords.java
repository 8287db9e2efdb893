package io.zoommetering.topology.intake;

import io.zoommetering.avro.audit.ErrorAudit;
import io.zoommetering.avro.audit.ErrorAuditKey;
import io.zoommetering.avro.audit.ErrorStatus;
import io.zoommetering.avro.audit.ErrorType;
import io.zoommetering.avro.audit.OriginalHeader;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Builds error records: the reason, where the record was read, and its key, value and headers exactly as read,
 * which is all it takes to produce it again after a fix.
 */
public final class ErrorRecords {

    private final ZoneId zone;
    private final String sourceSystem;

    public ErrorRecords(ZoneId zone, String sourceSystem) {
        this.zone = zone;
        this.sourceSystem = sourceSystem;
    }

    public <V> IntakeOutcome.Rejected<V> reject(Record<byte[], byte[]> record, RecordMetadata source, ErrorType type,
                                                String description, String process, long wallClockMs) {
        ErrorAuditKey key = new ErrorAuditKey(source.topic(), source.partition(), source.offset());
        LocalDate today = LocalDate.ofInstant(Instant.ofEpochMilli(wallClockMs), zone);
        ErrorAudit error = ErrorAudit.newBuilder()
                .setErrorType(type)
                .setErrorDescription(description)
                .setSourceTable(source.topic())
                .setSourcePartition(source.partition())
                .setSourceOffset(source.offset())
                .setErrorTimestamp(Instant.ofEpochMilli(wallClockMs))
                .setSourceTimestamp(Instant.ofEpochMilli(record.timestamp()))
                .setProcessAuditInfo(process)
                .setStatus(ErrorStatus.OPEN)
                .setOriginalKey(wrap(record.key()))
                .setOriginalValue(wrap(record.value()))
                .setOriginalHeaders(headers(record))
                .setLoadDate(today)
                .setUpdateDate(today)
                .setSourceSystem(sourceSystem)
                .build();
        return new IntakeOutcome.Rejected<>(key, error);
    }

    private static List<OriginalHeader> headers(Record<byte[], byte[]> record) {
        List<OriginalHeader> headers = new ArrayList<>();
        for (Header header : record.headers()) {
            headers.add(new OriginalHeader(header.key(), wrap(header.value())));
        }
        return headers;
    }

    private static ByteBuffer wrap(byte[] bytes) {
        return bytes == null ? null : ByteBuffer.wrap(bytes.clone());
    }
}
