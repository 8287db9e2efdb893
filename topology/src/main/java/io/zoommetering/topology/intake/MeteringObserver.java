package io.zoommetering.topology.intake;

import io.zoommetering.avro.audit.ErrorType;

/**
 * Hears what intake decides, for operational metrics (the application binds it to Micrometer). Unlike the
 * process audit, which is exact, an observer may hear a record twice when a transaction is retried.
 */
public interface MeteringObserver {

    MeteringObserver NONE = new MeteringObserver() {
    };

    /** An accepted record, and how far its event time lies behind the processing time. */
    default void accepted(String stream, long eventTimeLagMs) {
    }

    default void duplicate(String stream) {
    }

    default void rejected(String stream, ErrorType type) {
    }
}
