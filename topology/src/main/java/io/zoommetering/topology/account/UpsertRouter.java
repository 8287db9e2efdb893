package io.zoommetering.topology.account;

import io.zoommetering.avro.internal.AccountEnvelope;
import io.zoommetering.avro.internal.EnvelopeKind;
import io.zoommetering.topology.state.AvroBinary;
import io.zoommetering.topology.state.CompactSerde;
import io.zoommetering.topology.state.StoreSuppliers;
import io.zoommetering.topology.state.WriteBehindStore;
import java.time.Instant;
import java.util.Set;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Routes the accepted states of a state-carrying entity (meetings and support tickets today; licenses and users
 * next), read in the entity's own partitioning, to the accounts they belong to, keeping the latest state by event
 * time. A state older than the entity's current one changes nothing but the event totals: it goes out SUPERSEDED.
 * A newer state goes out CURRENT, and when it moves the entity to another account, the previous state also goes to
 * the previous account as WITHDRAWN, so that account takes back what it contributed.
 *
 * @param <V> the entity's record
 */
public final class UpsertRouter<V extends SpecificRecord> implements Processor<String, V, String, AccountEnvelope> {

    /** How to read an entity's identity, the time of a state and the account a state belongs to. */
    public record Entity<V>(
            String stream,
            Class<V> type,
            Function<V, String> id,
            Function<V, Instant> eventTime,
            Function<V, String> account) {

        /** The store of the entities' current heads; its name is persisted as a changelog topic. */
        public String store() {
            return "upsert-heads-" + stream;
        }
    }

    /** The current state of an entity as far as routing goes, the state itself in plain Avro binary. */
    private record Head(long eventTime, String account, byte[] state) {}

    private final Entity<V> entity;
    private final AvroBinary<V> states;

    private ProcessorContext<String, AccountEnvelope> context;
    private KeyValueStore<String, Head> heads;

    private UpsertRouter(Entity<V> entity) {
        this.entity = entity;
        this.states = new AvroBinary<>(entity.type());
    }

    public static <V extends SpecificRecord> ProcessorSupplier<String, V, String, AccountEnvelope> supplier(
            Entity<V> entity, StoreSuppliers stores) {
        return new ProcessorSupplier<>() {
            @Override
            public Processor<String, V, String, AccountEnvelope> get() {
                return new UpsertRouter<>(entity);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(WriteBehindStore.cached(Stores.keyValueStoreBuilder(
                        stores.keyValue(entity.store()), Serdes.String(), new HeadSerde())));
            }
        };
    }

    @Override
    public void init(ProcessorContext<String, AccountEnvelope> context) {
        this.context = context;
        this.heads = context.getStateStore(entity.store());
    }

    @Override
    public void process(Record<String, V> record) {
        V state = record.value();
        String id = entity.id().apply(state);
        String account = entity.account().apply(state);
        long eventTime = entity.eventTime().apply(state).toEpochMilli();
        Head head = heads.get(id);
        if (head != null && eventTime < head.eventTime()) {
            send(record, account, EnvelopeKind.SUPERSEDED, state);
            return;
        }
        heads.put(id, new Head(eventTime, account, states.encode(state)));
        if (head != null && !head.account().equals(account)) {
            V previous = states.decode(head.state());
            send(record, head.account(), EnvelopeKind.WITHDRAWN, previous);
        }
        send(record, account, EnvelopeKind.CURRENT, state);
    }

    private void send(Record<String, V> record, String account, EnvelopeKind kind, V payload) {
        context.forward(record.withKey(account).withValue(new AccountEnvelope(entity.stream(), kind, payload)));
    }

    private static final class HeadSerde extends CompactSerde<Head> {

        @Override
        protected void write(Head value, Output out) {
            out.writeLong(value.eventTime());
            out.writeString(value.account());
            out.writeBytes(value.state());
        }

        @Override
        protected Head read(Input in) {
            long eventTime = in.readLong();
            String account = in.readString();
            return new Head(eventTime, account, in.readBytes());
        }
    }
}
