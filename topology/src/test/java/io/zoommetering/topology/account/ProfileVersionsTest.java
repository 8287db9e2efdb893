package io.zoommetering.topology.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProfileVersionsTest {

    private final ProfileVersions serde = new ProfileVersions();

    @Test
    void shouldKeepThePlanAndTheName() {
        // Given a version with a name, and one whose name is unknown
        ProfileVersions.Version named = new ProfileVersions.Version("PRO", "Ann");
        ProfileVersions.Version unnamed = new ProfileVersions.Version("FREE", null);
        // Then both read back as written
        assertThat(serde.deserialize("t", serde.serialize("t", named))).isEqualTo(named);
        assertThat(serde.deserialize("t", serde.serialize("t", unnamed))).isEqualTo(unnamed);
    }

    @Test
    void shouldReadAVersionOfThePlanOnlyFormatAsThatPlanWithNoName() {
        // Given a version as the previous release stored it: the plan type's bare name (Serdes.String())
        byte[] stored = "ENTERPRISE".getBytes(StandardCharsets.UTF_8);
        // Then it reads as that plan, without a name, so an upgrade in place needs no reset
        assertThat(serde.deserialize("t", stored)).isEqualTo(new ProfileVersions.Version("ENTERPRISE", null));
    }
}
