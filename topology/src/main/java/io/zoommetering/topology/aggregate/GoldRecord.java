package io.zoommetering.topology.aggregate;

import io.zoommetering.topology.topics.TopicId;
import org.apache.avro.specific.SpecificRecord;

/** One row for a gold output: its key, and its value or null to delete the key. */
public record GoldRecord(TopicId output, SpecificRecord key, SpecificRecord value) {
}
