package io.zoommetering.topology.reference;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * The settings that shape results (docs/SEMANTICS.md, "Settings that shape results"), plus the processing time the
 * clock-skew check compares event times with.
 *
 * @param currencyRates rate of each accepted currency to the reporting currency
 */
public record ReferenceSettings(
        ZoneId zone,
        Duration grace,
        Duration periodRetention,
        Duration dedupHorizon,
        Duration clockSkew,
        Map<String, BigDecimal> currencyRates,
        Instant processingTime) {

    public ReferenceSettings {
        currencyRates = Map.copyOf(currencyRates);
    }

    /**
     * The processor's defaults: UTC, 24 h grace, 400 days period retention, 7 days dedup horizon, 1 day clock skew,
     * USD only.
     */
    public static ReferenceSettings defaults(Instant processingTime) {
        return new ReferenceSettings(
                ZoneOffset.UTC,
                Duration.ofHours(24),
                Duration.ofDays(400),
                Duration.ofDays(7),
                Duration.ofDays(1),
                Map.of("USD", BigDecimal.ONE),
                processingTime);
    }
}
