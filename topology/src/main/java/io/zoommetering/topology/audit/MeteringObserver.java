package io.zoommetering.topology.audit;

import io.zoommetering.avro.audit.ErrorType;
import io.zoommetering.topology.topics.TopicSetting;
import org.apache.avro.specific.SpecificRecord;

/**
 * Hears what intake decides and which gold rows this instance writes, for operational metrics and KPI gauges (the
 * application binds it to Micrometer). Unlike the process audit and the gold topics, which are exact, an observer
 * may hear a record twice, or hear a row of a transaction that is then aborted and retried.
 */
public interface MeteringObserver {

    MeteringObserver NONE = new MeteringObserver() {};

    /** An accepted record, and how far its event time lies behind the processing time. */
    default void accepted(String stream, long eventTimeLagMs) {}

    default void duplicate(String stream) {}

    default void rejected(String stream, ErrorType type) {}

    /** A gold row this instance writes, of any output: its output's topic, key and value (null deletes the key). */
    default void goldWritten(TopicSetting output, SpecificRecord key, SpecificRecord value) {}
}
