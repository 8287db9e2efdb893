package io.zoommetering.topology.intake;

import io.zoommetering.avro.audit.ErrorAudit;
import io.zoommetering.avro.audit.ErrorAuditKey;

/** What intake decided about one input record: accepted (a null value is an accepted tombstone) or rejected. */
public sealed interface IntakeOutcome<V> {

    record Accepted<V>(V value) implements IntakeOutcome<V> {
    }

    record Rejected<V>(ErrorAuditKey key, ErrorAudit error) implements IntakeOutcome<V> {
    }
}
