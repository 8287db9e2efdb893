package io.zoommetering.app.generator;

/** What a generated record is, and so what the processor does with it (docs/SEMANTICS.md, "Intake"). */
public enum EventKind {
    /** A product of the plan catalog, published before anything else. Accepted. */
    CATALOG(true),
    /** Platform activity in event-time order. Accepted. */
    REGULAR(true),
    /** A second ENDED state of a meeting with another duration and a new event id. Accepted; it replaces the first. */
    CORRECTION(true),
    /** A regular record produced a few records after its turn. Accepted. */
    OUT_OF_ORDER(true),
    /** The exact same record again (a producer's retry). Counted as a duplicate; changes nothing. */
    DUPLICATE(false),
    /** A record whose event time is well beyond the grace period behind its stream: a LATE_EVENT error. */
    LATE(false),
    /** A record that decodes but breaks one validation rule (or a tombstone off zoom.plans): a VALIDATION error. */
    INVALID(false),
    /** Bytes that are not Confluent-framed Avro: a DESERIALIZATION error. */
    GARBAGE(false);

    private final boolean accepted;

    EventKind(boolean accepted) {
        this.accepted = accepted;
    }

    /** Whether the processor accepts records of this kind (they count in the outputs). */
    public boolean accepted() {
        return accepted;
    }
}
