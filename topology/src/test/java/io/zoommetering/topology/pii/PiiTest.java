package io.zoommetering.topology.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zoommetering.avro.common.PlanType;
import io.zoommetering.avro.gold.dim.UserDim;
import io.zoommetering.avro.gold.dim.UserDimKey;
import io.zoommetering.avro.gold.fact.MeetingUsageFact;
import io.zoommetering.avro.gold.fact.MeetingUsageFactKey;
import io.zoommetering.avro.gold.fact.SupportTicketFact;
import io.zoommetering.avro.gold.fact.SupportTicketFactKey;
import io.zoommetering.topology.config.MeteringConfig;
import io.zoommetering.topology.output.GoldOutput;
import io.zoommetering.topology.registry.OutputRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.specific.SpecificData;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** zm.pii.mode on the real output classes, its settings and its schema rules (SPEC 6). */
class PiiTest {

    private static final String NAME = "Ada Lovelace";
    private static final String EMAIL = "ada.lovelace@analytical.example";
    private static final byte[] KEY = "0123456789abcdef-first-key".getBytes(StandardCharsets.UTF_8);
    private static final byte[] OTHER_KEY = "fedcba9876543210-other-key".getBytes(StandardCharsets.UTF_8);
    private static final Instant T = Instant.parse("2026-03-10T09:00:00Z");
    private static final LocalDate DAY = LocalDate.of(2026, 3, 10);

    @TempDir
    Path dir;

    @Test
    void keepWritesTheValuesAsTheInputHasThem() {
        UserDim user = user(NAME, EMAIL);

        assertThat(PiiPolicy.keep().apply(user)).isSameAs(user);
    }

    @Test
    void dropNullsThePersonalFieldsOfADimensionAndAFactAndNothingElse() {
        UserDim user = user(NAME, EMAIL);
        MeetingUsageFact meeting = meeting(NAME);

        UserDim dropped = PiiPolicy.drop().apply(user);
        MeetingUsageFact droppedMeeting = PiiPolicy.drop().apply(meeting);

        assertThat(dropped.getUserName()).isNull();
        assertThat(dropped.getEmail()).isNull();
        assertThat(UserDim.newBuilder(dropped).setUserName(NAME).setEmail(EMAIL).build())
                .as("every other field as it was")
                .isEqualTo(user);
        assertThat(droppedMeeting.getUserName()).isNull();
        assertThat(droppedMeeting.getMeetingTopic()).isEqualTo("Roadmap");
        // the stages upstream may keep the record they emitted: it must stay as it was
        assertThat(user.getUserName()).isEqualTo(NAME);
        assertThat(meeting.getUserName()).isEqualTo(NAME);
    }

    @Test
    void hashReplacesEachValueByAKeyedHashTheSameInEveryTable() {
        PiiPolicy hash = PiiPolicy.hash(KEY);

        UserDim user = hash.apply(user(NAME, EMAIL));
        MeetingUsageFact meeting = hash.apply(meeting(NAME));
        SupportTicketFact ticket = hash.apply(ticket(NAME));

        assertThat(user.getUserName()).matches("[0-9a-f]{64}").isNotEqualTo(NAME);
        assertThat(user.getEmail()).matches("[0-9a-f]{64}").isNotEqualTo(user.getUserName());
        assertThat(meeting.getUserName())
                .as("the fact's host joins the dimension's user")
                .isEqualTo(user.getUserName());
        assertThat(ticket.getUserName()).isEqualTo(user.getUserName());
        assertThat(user.toString() + meeting + ticket).doesNotContain(NAME).doesNotContain(EMAIL);
    }

    @Test
    void hashIsHmacSha256SoOnlyTheKeyHolderCanHashAGuess() throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(KEY, "HmacSHA256"));
        String expected = java.util.HexFormat.of().formatHex(mac.doFinal(NAME.getBytes(StandardCharsets.UTF_8)));

        assertThat(PiiPolicy.hash(KEY).hashOf(NAME)).isEqualTo(expected);
    }

    @Test
    void hashIsStableAcrossRestartsAndAKeyChangeChangesEveryHash() {
        // a restart: a new policy from the same key, as a new process builds it
        UserDim first = PiiPolicy.hash(KEY).apply(user(NAME, EMAIL));
        UserDim restarted = PiiPolicy.hash(KEY.clone()).apply(user(NAME, EMAIL));
        UserDim rotated = PiiPolicy.hash(OTHER_KEY).apply(user(NAME, EMAIL));

        assertThat(restarted).isEqualTo(first);
        assertThat(rotated.getUserName()).isNotEqualTo(first.getUserName());
        assertThat(rotated.getEmail()).isNotEqualTo(first.getEmail());
    }

    @ParameterizedTest
    @EnumSource(PiiMode.class)
    void aNullPersonalFieldStaysNullAndATombstoneStaysATombstone(PiiMode mode) {
        PiiPolicy policy = PiiPolicy.of(mode, KEY);
        UserDim nameless = user(null, null);

        assertThat(policy.apply(nameless)).isEqualTo(nameless);
        assertThat(policy.<UserDim>forValues(UserDim.getClassSchema())
                        .map(mask -> mask.apply(null))
                        .orElse(null))
                .isNull();
    }

    @Test
    void onlyHashAndDropOfOutputsWithPersonalFieldsAddAStep() {
        assertThat(PiiPolicy.keep().forValues(UserDim.getClassSchema())).isEmpty();
        assertThat(PiiPolicy.drop().forValues(UserDimKey.getClassSchema())).isEmpty();
        assertThat(PiiPolicy.drop().forValues(UserDim.getClassSchema())).isPresent();
        assertThat(PiiPolicy.hash(KEY).forValues(MeetingUsageFact.getClassSchema()))
                .isPresent();
    }

    @Test
    void everyRegisteredOutputAndThePersonalDimensionAndFactsFollowTheSchemaRules() {
        for (GoldOutput output : OutputRegistry.all().outputs()) {
            PiiPolicy.validate(
                    output.name(),
                    SpecificData.get().getSchema(output.table().keyType()),
                    SpecificData.get().getSchema(output.table().valueType()));
        }
        PiiPolicy.validate("dim.user", UserDimKey.getClassSchema(), UserDim.getClassSchema());
        PiiPolicy.validate("fact.meeting", MeetingUsageFactKey.getClassSchema(), MeetingUsageFact.getClassSchema());
        PiiPolicy.validate("fact.ticket", SupportTicketFactKey.getClassSchema(), SupportTicketFact.getClassSchema());
        assertThat(PiiPolicy.personalFields(UserDim.getClassSchema())).hasSize(2);
    }

    @Test
    void aPersonalFieldThatCannotBeDroppedRefusesToStart() {
        Schema value =
                SchemaBuilder.record("V").fields().requiredString("email").endRecord();

        assertThatThrownBy(() -> PiiPolicy.validate("gold.x", key("id"), value))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("gold.x")
                .hasMessageContaining("email")
                .hasMessageContaining("union {null, string}");
    }

    @Test
    void aPersonalFieldInAKeyOrNestedInAValueRefusesToStart() {
        Schema value = SchemaBuilder.record("V").fields().optionalString("id").endRecord();
        Schema nested = SchemaBuilder.record("W")
                .fields()
                .name("owner")
                .type(SchemaBuilder.record("Owner")
                        .fields()
                        .optionalString("user_name")
                        .endRecord())
                .noDefault()
                .endRecord();

        assertThatThrownBy(() -> PiiPolicy.validate("gold.x", key("email"), value))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("key of output gold.x");
        assertThatThrownBy(() -> PiiPolicy.validate("gold.x", key("id"), nested))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("W.owner.user_name");
    }

    @Test
    void theDefaultModeIsKeepAndNeedsNoKey() {
        assertThat(new MeteringConfig(Map.of()).piiMode()).isEqualTo(PiiMode.KEEP);
        assertThat(new MeteringConfig(Map.of(MeteringConfig.PII_MODE, "DROP")).piiMode())
                .isEqualTo(PiiMode.DROP);
    }

    @Test
    void hashWithoutAKeyRefusesToStartNamingTheSettings() {
        assertThatThrownBy(() -> new MeteringConfig(Map.of(MeteringConfig.PII_MODE, "HASH")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(MeteringConfig.PII_MODE)
                .hasMessageContaining(MeteringConfig.PII_HASH_KEY_FILE)
                .hasMessageContaining("ZM_PII_HASH_KEY");
    }

    @Test
    void theKeyFromAFileHashesAsTheSameKeyFromTheEnvironmentWithoutItsLineBreak() throws Exception {
        Path file =
                Files.write(dir.resolve("pii-hash-key"), (new String(KEY, StandardCharsets.UTF_8) + "\n").getBytes());

        MeteringConfig fromFile = new MeteringConfig(
                Map.of(MeteringConfig.PII_MODE, "HASH", MeteringConfig.PII_HASH_KEY_FILE, file.toString()));
        MeteringConfig fromEnvironment = new MeteringConfig(Map.of(
                MeteringConfig.PII_MODE, "HASH", MeteringConfig.PII_HASH_KEY, new String(KEY, StandardCharsets.UTF_8)));

        assertThat(fromFile.pii().hashOf(NAME)).isEqualTo(PiiPolicy.hash(KEY).hashOf(NAME));
        assertThat(fromEnvironment.pii().hashOf(NAME)).isEqualTo(fromFile.pii().hashOf(NAME));
    }

    @Test
    void aBadKeyRefusesToStartAndNoMessageOrConfigDumpShowsTheKey() throws Exception {
        String shortKey = "tooShortKey";
        Path missing = dir.resolve("absent");
        Path file = Files.writeString(dir.resolve("key"), new String(KEY, StandardCharsets.UTF_8));

        assertThatThrownBy(() -> new MeteringConfig(
                        Map.of(MeteringConfig.PII_MODE, "HASH", MeteringConfig.PII_HASH_KEY, shortKey)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(MeteringConfig.PII_HASH_KEY)
                .hasMessageContaining("at least 16")
                .hasMessageNotContaining(shortKey);
        assertThatThrownBy(() -> new MeteringConfig(
                        Map.of(MeteringConfig.PII_MODE, "HASH", MeteringConfig.PII_HASH_KEY_FILE, missing.toString())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(MeteringConfig.PII_HASH_KEY_FILE)
                .hasMessageContaining("cannot be read");
        Map<String, String> both = new HashMap<>(Map.of(
                MeteringConfig.PII_MODE,
                "HASH",
                MeteringConfig.PII_HASH_KEY_FILE,
                file.toString(),
                MeteringConfig.PII_HASH_KEY,
                new String(OTHER_KEY, StandardCharsets.UTF_8)));
        assertThatThrownBy(() -> new MeteringConfig(both))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("set one")
                .hasMessageNotContaining(new String(OTHER_KEY, StandardCharsets.UTF_8));
        both.remove(MeteringConfig.PII_HASH_KEY_FILE);
        MeteringConfig config = new MeteringConfig(both);
        String secret = new String(OTHER_KEY, StandardCharsets.UTF_8);
        assertThat(config.values().toString()).doesNotContain(secret).contains("[hidden]");
        assertThat(config.pii().toString()).doesNotContain(secret);
    }

    private static Schema key(String field) {
        return SchemaBuilder.record("K").fields().requiredString(field).endRecord();
    }

    private static UserDim user(String name, String email) {
        return UserDim.newBuilder()
                .setUserId("u-1")
                .setUserName(name)
                .setEmail(email)
                .setCompany("Analytical Engines")
                .setPlanType(PlanType.PRO.name())
                .setUserStatus("ACTIVE")
                .setLocation("EU")
                .setValidFrom(T)
                .setValidTo(null)
                .setIsCurrent(true)
                .setLoadDate(DAY)
                .setUpdateDate(DAY)
                .setSourceSystem("zoom-metering")
                .build();
    }

    private static MeetingUsageFact meeting(String host) {
        return MeetingUsageFact.newBuilder()
                .setUserName(host)
                .setMeetingTopic("Roadmap")
                .setStartTime(T)
                .setLoadDate(DAY)
                .setUpdateDate(DAY)
                .setSourceSystem("zoom-metering")
                .build();
    }

    private static SupportTicketFact ticket(String requester) {
        return SupportTicketFact.newBuilder()
                .setUserName(requester)
                .setTicketType("TECHNICAL")
                .setResolutionStatus("OPEN")
                .setOpenDate(DAY)
                .setLoadDate(DAY)
                .setUpdateDate(DAY)
                .setSourceSystem("zoom-metering")
                .build();
    }
}
