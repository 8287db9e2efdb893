package io.zoommetering.topology.intake;

import io.zoommetering.topology.config.MeteringConfig;
import java.time.Duration;
import java.time.ZoneId;

/** The settings every stream's intake applies (docs/SEMANTICS.md, "Settings that shape results"). */
public record IntakeSettings(
        Duration grace,
        Duration periodRetention,
        Duration dedupHorizon,
        Duration clockSkew,
        Duration auditInterval,
        ZoneId zone,
        String sourceSystem) {

    public static IntakeSettings from(MeteringConfig config) {
        return new IntakeSettings(
                config.grace(),
                config.periodRetention(),
                config.dedupHorizon(),
                config.clockSkew(),
                config.auditInterval(),
                config.reportingZone(),
                config.sourceSystem());
    }
}
