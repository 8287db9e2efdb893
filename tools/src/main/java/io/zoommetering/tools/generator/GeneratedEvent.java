package io.zoommetering.tools.generator;

import io.zoommetering.app.events.EventRecord;
import java.util.Objects;

/** A generated record and what it is. */
public record GeneratedEvent(EventRecord record, EventKind kind) {

    public GeneratedEvent {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(kind, "kind");
    }
}
