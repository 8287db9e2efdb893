package io.zoommetering.topology.output.meetingdim;

import io.zoommetering.avro.gold.dim.MeetingDim;
import io.zoommetering.avro.gold.dim.MeetingDimKey;
import io.zoommetering.avro.internal.EnvelopeKind;
import io.zoommetering.avro.usage.Meeting;
import io.zoommetering.topology.account.AccountRecord;
import io.zoommetering.topology.account.Ledger;
import io.zoommetering.topology.account.LedgerContext;
import io.zoommetering.topology.aggregate.Lineage;
import io.zoommetering.topology.state.CompactSerde;
import java.time.LocalDate;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Writes a meeting's row when its current state (the upsert router's CURRENT, the latest by event time) has a
 * topic or type other than what this task last wrote for it. An older state (SUPERSEDED) changes nothing. A state
 * that moves the meeting to another host reaches the new host's task, which writes the latest row there (the same
 * values when only the host changed: an idempotent upsert); the previous host's task forgets the meeting on the
 * WITHDRAWN state, so that if the meeting ever comes back it writes the latest row again instead of trusting a
 * row another task may have overwritten since.
 */
final class MeetingDimLedger implements Ledger {

    /** What this task last wrote for a meeting. */
    record Written(String topic, String type, long loadDay) {}

    private final KeyValueStore<String, Written> written;
    private final LedgerContext context;

    MeetingDimLedger(LedgerContext context) {
        this.written = context.store(MeetingDimOutput.WRITTEN);
        this.context = context;
    }

    @Override
    public void record(AccountRecord record) {
        if (!(record.payload() instanceof Meeting meeting)) {
            return;
        }
        String id = meeting.getMeetingId();
        if (record.kind() == EnvelopeKind.WITHDRAWN) {
            written.delete(id);
            return;
        }
        if (!record.isCurrent()) {
            return;
        }
        String topic = meeting.getMeetingTopic();
        String type = meeting.getMeetingType().name();
        Written last = written.get(id);
        if (last != null && last.topic().equals(topic) && last.type().equals(type)) {
            return;
        }
        Lineage lineage = context.lineageNow();
        LocalDate loadDate = last == null ? lineage.loadDate() : LocalDate.ofEpochDay(last.loadDay());
        written.put(id, new Written(topic, type, loadDate.toEpochDay()));
        context.write(
                MeetingDimOutput.INSTANCE,
                new MeetingDimKey(id),
                new MeetingDim(topic, type, loadDate, lineage.updateDate(), lineage.sourceSystem()));
    }

    static final class WrittenSerde extends CompactSerde<Written> {

        @Override
        protected void write(Written value, Output out) {
            out.writeString(value.topic());
            out.writeString(value.type());
            out.writeLong(value.loadDay());
        }

        @Override
        protected Written read(Input in) {
            return new Written(in.readString(), in.readString(), in.readLong());
        }
    }
}
