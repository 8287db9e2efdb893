package io.zoommetering.topology.account;

import io.zoommetering.avro.internal.EnvelopeKind;
import java.time.Instant;

/**
 * One envelope of the by-account topic as the ledgers see it: the stream it came from, what it means for the
 * account (an entity's current state, an older state that changes nothing but the event totals, or a previous
 * state to withdraw), the payload (the record, or what of it crosses the topic), and the record's event time.
 */
public record AccountRecord(String stream, EnvelopeKind kind, Object payload, Instant eventTime) {

    /** An accepted record that is its entity's current state, as every record of an event stream is. */
    public boolean isCurrent() {
        return kind == EnvelopeKind.CURRENT;
    }
}
