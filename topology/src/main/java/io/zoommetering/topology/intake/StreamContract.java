package io.zoommetering.topology.intake;

import io.zoommetering.topology.topics.TopicId;
import java.time.Instant;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;

/**
 * What the contract says about one input stream: how to read a record's identity and times, and the stream's
 * own validation rules (SPEC 2) beyond those every stream shares.
 *
 * @param businessTime the earliest time that decides a period the record changes; a record on time by its event_time
 *                     is refused only when this lies beyond the period retention (docs/SEMANTICS.md)
 * @param entityField  name of the key field, for error messages
 */
public record StreamContract<V extends SpecificRecord>(
        TopicId topic,
        Function<V, String> eventId,
        Function<V, Instant> eventTime,
        String entityField,
        Function<V, String> entityId,
        Function<V, Instant> businessTime,
        BiConsumer<V, Violations> rules,
        boolean tombstonesAllowed) {

    public String stream() {
        return topic.configName();
    }
}
