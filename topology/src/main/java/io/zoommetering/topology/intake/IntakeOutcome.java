package io.zoommetering.topology.intake;

import io.zoommetering.avro.audit.ErrorAudit;
import io.zoommetering.avro.audit.ErrorAuditKey;
import io.zoommetering.avro.audit.ProcessAudit;
import io.zoommetering.avro.audit.ProcessAuditKey;

/**
 * What intake decided about one input record: accepted (a null value is an accepted tombstone) or rejected; and,
 * once per audit interval, what it decided about all of them.
 */
public sealed interface IntakeOutcome<V> {

    record Accepted<V>(V value) implements IntakeOutcome<V> {}

    record Rejected<V>(ErrorAuditKey key, ErrorAudit error) implements IntakeOutcome<V> {}

    record Audited<V>(ProcessAuditKey key, ProcessAudit audit) implements IntakeOutcome<V> {}
}
