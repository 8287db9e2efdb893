package io.zoommetering.topology.reference;

import java.util.Map;

/**
 * The record balance of one input stream: read = accepted + duplicates + Σ errors.
 *
 * @param errors error count per error type; always holds DESERIALIZATION, VALIDATION and LATE_EVENT, zero included
 */
public record StreamBalance(long read, long accepted, long duplicates, Map<String, Long> errors) {

    public StreamBalance {
        errors = Map.copyOf(errors);
    }
}
