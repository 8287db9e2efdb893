package io.zoommetering.topology.account;

import io.zoommetering.topology.state.CompactSerde;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The store format of a profile version in {@link AccountStores#PROFILES}: what is read of a profile as of a time,
 * its plan type and its user_name. Versions written before user_name was kept are the plan type's bare UTF-8 name;
 * they still read (with no name), so the store needs no reset on upgrade: a plan name never starts with the
 * compact format's byte.
 */
final class ProfileVersions
        implements Serde<ProfileVersions.Version>,
                Serializer<ProfileVersions.Version>,
                Deserializer<ProfileVersions.Version> {

    /** One profile version: the plan type, and the user_name (null only for versions of the older format). */
    record Version(String planType, String userName) {}

    private static final CompactSerde<Version> COMPACT = new CompactSerde<>() {
        @Override
        protected void write(Version value, Output out) {
            out.writeString(value.planType());
            out.writeNullableString(value.userName());
        }

        @Override
        protected Version read(Input in) {
            return new Version(in.readString(), in.readNullableString());
        }
    };

    @Override
    public byte[] serialize(String topic, Version value) {
        return COMPACT.serialize(topic, value);
    }

    @Override
    public Version deserialize(String topic, byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        if (bytes.length > 0 && bytes[0] == CompactSerde.FORMAT) {
            return COMPACT.deserialize(topic, bytes);
        }
        return new Version(new String(bytes, StandardCharsets.UTF_8), null);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {}

    @Override
    public void close() {}

    @Override
    public Serializer<Version> serializer() {
        return this;
    }

    @Override
    public Deserializer<Version> deserializer() {
        return this;
    }
}
