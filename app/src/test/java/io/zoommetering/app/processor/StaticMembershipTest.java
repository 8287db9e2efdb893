package io.zoommetering.app.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * Which instances are static members, and so stay in the group when stopped (docs/RELIABILITY.md, "Recovery time"):
 * those with a {@code group.instance.id}, however it is given.
 */
class StaticMembershipTest {

    @Test
    void anInstanceWithoutAGroupInstanceIdIsADynamicMember() {
        assertThat(MeteringApp.staticMember(new Properties())).isFalse();
        assertThat(MeteringApp.staticMember(properties("group.instance.id", " ")))
                .isFalse();
    }

    @Test
    void aGroupInstanceIdPlainOrForTheConsumersMakesAStaticMember() {
        assertThat(MeteringApp.staticMember(properties("group.instance.id", "zoom-metering-0")))
                .isTrue();
        assertThat(MeteringApp.staticMember(properties("main.consumer.group.instance.id", "zoom-metering-0")))
                .isTrue();
        assertThat(MeteringApp.staticMember(properties("consumer.group.instance.id", "zoom-metering-0")))
                .isTrue();
    }

    private static Properties properties(String key, String value) {
        Properties properties = new Properties();
        properties.setProperty(key, value);
        return properties;
    }
}
