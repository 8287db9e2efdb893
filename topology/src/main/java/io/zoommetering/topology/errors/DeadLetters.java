package io.zoommetering.topology.errors;

import io.zoommetering.avro.audit.ErrorAudit;
import io.zoommetering.avro.audit.ErrorAuditKey;
import io.zoommetering.avro.audit.OriginalHeader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Turns an error record back into the record as it was read: the original key, value and headers, plus headers
 * saying why and where from. Re-producing a dead letter to its source topic after a fix is a plain copy. The
 * processing exception handler takes its dead letters' headers from here too, so both kinds read alike.
 */
public final class DeadLetters implements Processor<ErrorAuditKey, ErrorAudit, byte[], byte[]> {

    public static final String ERROR_TYPE = "zm.error.type";
    public static final String ERROR_DESCRIPTION = "zm.error.description";
    public static final String SOURCE_TOPIC = "zm.source.topic";
    public static final String SOURCE_PARTITION = "zm.source.partition";
    public static final String SOURCE_OFFSET = "zm.source.offset";

    private ProcessorContext<byte[], byte[]> context;

    @Override
    public void init(ProcessorContext<byte[], byte[]> context) {
        this.context = context;
    }

    @Override
    public void process(Record<ErrorAuditKey, ErrorAudit> record) {
        ErrorAudit error = record.value();
        context.forward(new Record<>(
                bytes(error.getOriginalKey()),
                bytes(error.getOriginalValue()),
                record.timestamp(),
                deadLetterHeaders(error)));
    }

    /** The headers of the dead letter of {@code error}: the original headers first, then the zm.* ones. */
    public static Headers deadLetterHeaders(ErrorAudit error) {
        Headers headers = new RecordHeaders();
        for (OriginalHeader header : error.getOriginalHeaders()) {
            headers.add(header.getKey(), bytes(header.getValue()));
        }
        headers.add(ERROR_TYPE, utf8(error.getErrorType().name()));
        headers.add(ERROR_DESCRIPTION, utf8(error.getErrorDescription()));
        headers.add(SOURCE_TOPIC, utf8(error.getSourceTable()));
        headers.add(SOURCE_PARTITION, utf8(String.valueOf(error.getSourcePartition())));
        headers.add(SOURCE_OFFSET, utf8(String.valueOf(error.getSourceOffset())));
        return headers;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        if (buffer == null) {
            return null;
        }
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
