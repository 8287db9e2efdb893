package io.zoommetering.topology.pii;

/** What the gold outputs carry of personal data ({@code zm.pii.mode}, SPEC 6). */
public enum PiiMode {
    /** The values as the input has them. */
    KEEP,
    /** A keyed hash of each value (HMAC-SHA-256, lower-case hex): stable, so equal values still join. */
    HASH,
    /** Null: the personal fields are nullable in every output schema for this. */
    DROP
}
