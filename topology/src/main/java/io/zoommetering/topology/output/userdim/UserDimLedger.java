package io.zoommetering.topology.output.userdim;

import io.zoommetering.avro.gold.dim.UserDim;
import io.zoommetering.avro.gold.dim.UserDimKey;
import io.zoommetering.avro.usage.User;
import io.zoommetering.topology.account.AccountRecord;
import io.zoommetering.topology.account.Ledger;
import io.zoommetering.topology.account.LedgerContext;
import io.zoommetering.topology.aggregate.Lineage;
import io.zoommetering.topology.state.CompactSerde;
import java.time.Instant;
import java.time.LocalDate;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps each user's current version and writes the dimension's rows as profiles arrive (docs/SEMANTICS.md, "User
 * dimension"):
 *
 * <ul>
 *   <li>the first profile opens the first version at its event_time;
 *   <li>a newer profile (event_time after the current valid_from) that changes a tracked attribute closes the current
 *       row (its key written again with valid_to and is_current false, load_date kept) and opens a new one;
 *   <li>a profile with the current valid_from that changes a tracked attribute replaces the current version's
 *       attributes in place: on a tie the later processed state is the user's state (SPEC's upsert rule), and the
 *       version starting at that instant is that state; no zero-length version is written;
 *   <li>the same tracked attributes, a change of untracked fields only, and an older profile arriving later write
 *       nothing: only the current version is kept, so an older profile is never compared with closed versions.
 * </ul>
 */
final class UserDimLedger implements Ledger {

    /** The six tracked attributes of a profile; user_name and email are written as the profile has them. */
    record Attributes(String userName, String email, String company, String planType, String status, String location) {

        static Attributes of(User user) {
            return new Attributes(
                    user.getUserName(),
                    user.getEmail(),
                    user.getCompany(),
                    user.getPlanType().name(),
                    user.getUserStatus().name(),
                    user.getLocation());
        }
    }

    /** A user's current version: its attributes, when it took effect and the epoch day its row was first written. */
    record Version(Attributes attributes, long validFrom, long loadDay) {}

    private final KeyValueStore<String, Version> current;
    private final LedgerContext context;

    UserDimLedger(LedgerContext context) {
        this.current = context.store(UserDimOutput.CURRENT);
        this.context = context;
    }

    @Override
    public void record(AccountRecord record) {
        if (!record.isCurrent() || !(record.payload() instanceof User user)) {
            return;
        }
        String userId = user.getUserId();
        Attributes attributes = Attributes.of(user);
        long eventTime = user.getEventTime().toEpochMilli();
        Version version = current.get(userId);
        if (version != null && (eventTime < version.validFrom() || attributes.equals(version.attributes()))) {
            return;
        }
        Lineage lineage = context.lineageNow();
        if (version == null) {
            open(userId, new Version(attributes, eventTime, lineage.loadDate().toEpochDay()), lineage);
        } else if (eventTime == version.validFrom()) {
            open(userId, new Version(attributes, eventTime, version.loadDay()), lineage);
        } else {
            write(userId, version, eventTime, lineage);
            open(userId, new Version(attributes, eventTime, lineage.loadDate().toEpochDay()), lineage);
        }
    }

    private void open(String userId, Version version, Lineage lineage) {
        current.put(userId, version);
        write(userId, version, null, lineage);
    }

    /** A version's row, closed at validTo (or current when validTo is null), updated today. */
    private void write(String userId, Version version, Long validTo, Lineage lineage) {
        context.write(
                UserDimOutput.INSTANCE,
                new UserDimKey(userId, Instant.ofEpochMilli(version.validFrom())),
                row(userId, version, validTo, lineage));
    }

    static UserDim row(String userId, Version version, Long validTo, Lineage lineage) {
        Attributes attributes = version.attributes();
        return UserDim.newBuilder()
                .setUserId(userId)
                .setUserName(attributes.userName())
                .setEmail(attributes.email())
                .setCompany(attributes.company())
                .setPlanType(attributes.planType())
                .setUserStatus(attributes.status())
                .setLocation(attributes.location())
                .setValidFrom(Instant.ofEpochMilli(version.validFrom()))
                .setValidTo(validTo == null ? null : Instant.ofEpochMilli(validTo))
                .setIsCurrent(validTo == null)
                .setLoadDate(LocalDate.ofEpochDay(version.loadDay()))
                .setUpdateDate(lineage.updateDate())
                .setSourceSystem(lineage.sourceSystem())
                .build();
    }

    static final class VersionSerde extends CompactSerde<Version> {

        @Override
        protected void write(Version value, Output out) {
            Attributes attributes = value.attributes();
            out.writeNullableString(attributes.userName());
            out.writeNullableString(attributes.email());
            out.writeString(attributes.company());
            out.writeString(attributes.planType());
            out.writeString(attributes.status());
            out.writeString(attributes.location());
            out.writeLong(value.validFrom());
            out.writeLong(value.loadDay());
        }

        @Override
        protected Version read(Input in) {
            Attributes attributes = new Attributes(
                    in.readNullableString(),
                    in.readNullableString(),
                    in.readString(),
                    in.readString(),
                    in.readString(),
                    in.readString());
            return new Version(attributes, in.readLong(), in.readLong());
        }
    }
}
