package io.zoommetering.topology.reference;

/** An accepted record together with the plan it was resolved to when it was processed. */
record Planned<T>(T value, String plan) {}
