package io.zoommetering.tools.generator;

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
    /**
     * A record 25 to 73 hours behind its stream's time: a LATE_EVENT error under the default grace period (24 h;
     * a grace of more than a day accepts some of them).
     */
    LATE(false),
    /**
     * A record that decodes but breaks one validation rule (or a tombstone off zoom.plans): a VALIDATION error under
     * the default settings (a currency other than USD is one of the rules broken; an event time a year ahead
     * another).
     */
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
