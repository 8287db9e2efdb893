package io.zoommetering.topology.output.webinardim;

import io.zoommetering.avro.gold.dim.WebinarDim;
import io.zoommetering.avro.gold.dim.WebinarDimKey;
import io.zoommetering.avro.usage.Webinar;
import io.zoommetering.topology.account.AccountRecord;
import io.zoommetering.topology.account.Ledger;
import io.zoommetering.topology.account.LedgerContext;
import io.zoommetering.topology.aggregate.Lineage;
import io.zoommetering.topology.state.CompactSerde;
import java.time.LocalDate;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Writes a webinar's row when a record at least as new (by event time; a tie goes to the later processed, as for
 * every upsert) as the latest this task saw carries another topic. An older record arriving later changes nothing.
 * Webinars reach the account stage by host: a correction that moves a webinar to another host is written by the
 * new host's task, which decides "latest" among the records it saw.
 */
final class WebinarDimLedger implements Ledger {

    /** The latest record of a webinar this task saw, as far as the dimension goes. */
    record Latest(long eventTime, String topic, long loadDay) {}

    private final KeyValueStore<String, Latest> latest;
    private final LedgerContext context;

    WebinarDimLedger(LedgerContext context) {
        this.latest = context.store(WebinarDimOutput.LATEST);
        this.context = context;
    }

    @Override
    public void record(AccountRecord record) {
        if (!record.isCurrent() || !(record.payload() instanceof Webinar webinar)) {
            return;
        }
        String id = webinar.getWebinarId();
        long eventTime = webinar.getEventTime().toEpochMilli();
        String topic = webinar.getWebinarTopic();
        Latest last = latest.get(id);
        if (last != null && eventTime < last.eventTime()) {
            return;
        }
        if (last != null && last.topic().equals(topic)) {
            // Nothing to write, but a later correction must be newer than this record to count.
            latest.put(id, new Latest(eventTime, topic, last.loadDay()));
            return;
        }
        Lineage lineage = context.lineageNow();
        LocalDate loadDate = last == null ? lineage.loadDate() : LocalDate.ofEpochDay(last.loadDay());
        latest.put(id, new Latest(eventTime, topic, loadDate.toEpochDay()));
        context.write(
                WebinarDimOutput.INSTANCE,
                new WebinarDimKey(id),
                new WebinarDim(topic, loadDate, lineage.updateDate(), lineage.sourceSystem()));
    }

    static final class LatestSerde extends CompactSerde<Latest> {

        @Override
        protected void write(Latest value, Output out) {
            out.writeLong(value.eventTime());
            out.writeString(value.topic());
            out.writeLong(value.loadDay());
        }

        @Override
        protected Latest read(Input in) {
            return new Latest(in.readLong(), in.readString(), in.readLong());
        }
    }
}
