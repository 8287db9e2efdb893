package io.zoommetering.topology.reference;

/**
 * An input record the processor must send to the error stream.
 *
 * @param offset    the record's index among the records of its topic (one partition per topic)
 * @param errorType DESERIALIZATION, VALIDATION or LATE_EVENT
 */
public record ExpectedError(String topic, long offset, String errorType) {}
