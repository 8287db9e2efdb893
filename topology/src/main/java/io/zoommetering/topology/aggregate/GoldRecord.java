package io.zoommetering.topology.aggregate;

import org.apache.avro.specific.SpecificRecord;

/** One row for an output topic, named as in settings: its key, and its value or null to delete the key. */
public record GoldRecord(String output, SpecificRecord key, SpecificRecord value) {}
