package io.zoommetering.topology.errors;

import io.zoommetering.avro.audit.ErrorAudit;
import io.zoommetering.avro.audit.ErrorAuditKey;
import io.zoommetering.avro.audit.ErrorType;
import io.zoommetering.serdes.registry.SchemaRegistryClients;
import io.zoommetering.topology.config.MeteringConfig;
import io.zoommetering.topology.config.TopicCatalog;
import io.zoommetering.topology.pii.PersonalData;
import io.zoommetering.topology.topics.RegistryAvroSerdes;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;

/**
 * An unexpected exception in a processor after intake (a bug, or a record no rule foresaw) must not stop the
 * application or lose the record: the record that caused it becomes a PROCESSING error on gold.audit.errors and a
 * dead letter with the bytes read from its source topic, and processing goes on. Set as
 * {@code processing.exception.handler}; it reads the zm.* settings and schema.registry.url from the Streams
 * configuration.
 */
public final class ProcessingErrorHandler implements ProcessingExceptionHandler {

    private TopicCatalog topics;
    private MeteringConfig config;
    private ErrorRecords errors;

    @Override
    public void configure(Map<String, ?> configs) {
        config = new MeteringConfig(configs);
        topics = new TopicCatalog(config, RegistryAvroSerdes.of(SchemaRegistryClients.fromConfig(configs)));
        errors = new ErrorRecords(config.reportingZone(), config.sourceSystem());
    }

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        if (Outages.isOutage(exception)) {
            // The registry's failure, not the record's: an error record would lose a good record to the error
            // topic. Failing stops the stream thread, which the application replaces; the record is read again.
            return Response.fail();
        }
        String topic = context.topic() == null ? context.processorNodeId() : context.topic();
        // error_description is read by people who may not see personal data (the original bytes beside it are
        // access-controlled for replay): the exception's text may quote the record, so its names and e-mails go.
        String description =
                PersonalData.redact("in " + context.processorNodeId() + ": " + exception, record.key(), record.value());
        KeyValue<ErrorAuditKey, ErrorAudit> error = errors.error(
                topic,
                context.partition(),
                context.offset(),
                context.timestamp(),
                context.sourceRawKey(),
                context.sourceRawValue(),
                context.headers(),
                ErrorType.PROCESSING,
                description,
                context.processorNodeId(),
                Instant.now());
        String errorsTopic = topics.auditErrors.name();
        ProducerRecord<byte[], byte[]> audit = new ProducerRecord<>(
                errorsTopic,
                topics.auditErrors.keySerde().serializer().serialize(errorsTopic, error.key),
                topics.auditErrors.valueSerde().serializer().serialize(errorsTopic, error.value));
        ProducerRecord<byte[], byte[]> deadLetter = new ProducerRecord<>(
                topics.deadLetters.name(),
                null,
                context.sourceRawKey(),
                context.sourceRawValue(),
                DeadLetters.deadLetterHeaders(error.value));
        return Response.resume(List.of(audit, deadLetter));
    }
}
