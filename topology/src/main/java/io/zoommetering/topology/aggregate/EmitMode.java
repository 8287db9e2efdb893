package io.zoommetering.topology.aggregate;

/** When aggregates are written (setting zm.emit.mode). */
public enum EmitMode {
    /** On every change: dashboards see figures move. */
    EVERY_UPDATE,
    /** Once the period plus the grace period has closed: billing sinks see each figure once. */
    FINAL
}
