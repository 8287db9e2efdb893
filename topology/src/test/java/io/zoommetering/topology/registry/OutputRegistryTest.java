package io.zoommetering.topology.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zoommetering.avro.gold.ActiveUsers;
import io.zoommetering.avro.gold.PeriodKey;
import io.zoommetering.topology.aggregate.AggregateOutput;
import io.zoommetering.topology.aggregate.KeyCodec;
import io.zoommetering.topology.aggregate.Lineage;
import io.zoommetering.topology.aggregate.Totals;
import io.zoommetering.topology.output.GoldOutput;
import io.zoommetering.topology.output.activeusers.ActiveUsersOutput;
import io.zoommetering.topology.output.meetingminutes.MeetingMinutesOutput;
import io.zoommetering.topology.output.overage.OverageOutput;
import io.zoommetering.topology.time.Periods;
import io.zoommetering.topology.topics.TopicSetting;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class OutputRegistryTest {

    @Test
    void shouldListEveryOutputWithItsOwnTagNameAndStores() {
        OutputRegistry registry = OutputRegistry.all();
        // Then the outputs' names and aggregate tags are distinct (the registry refuses them otherwise)
        assertThat(registry.outputs().stream().map(GoldOutput::name).collect(Collectors.toSet()))
                .hasSize(registry.outputs().size())
                .contains("active-users", "signups", "dim-feature");
        Set<Byte> tags = new HashSet<>();
        registry.aggregates()
                .all()
                .forEach(output -> assertThat(tags.add(output.tag())).isTrue());
    }

    @Test
    void shouldSelectTheNamedOutputsAndThoseTheyRead() {
        // meeting minutes and feature adoption read the period's active users; overage alerts read overage
        assertThat(OutputRegistry.selected(List.of("meeting-minutes", "overage-alerts")).outputs().stream()
                        .map(GoldOutput::name))
                .containsExactly("active-users", "meeting-minutes", "overage", "overage-alerts");
        assertThat(OutputRegistry.selected(List.of("revenue")).outputs().stream()
                        .map(GoldOutput::name))
                .containsExactly("revenue");
        assertThat(OutputRegistry.selected(List.of())).isSameAs(OutputRegistry.all());
        assertThatThrownBy(() -> OutputRegistry.selected(List.of("revenu")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("revenu");
    }

    @Test
    void shouldRefuseTwoOutputsWithOneAggregateKeyTag() {
        // Given an output that reuses active users' tag under another name
        GoldOutput copy = GoldOutput.derived(new SameTagAs(ActiveUsersOutput.INSTANCE));
        // Then the registry cannot be built
        assertThatThrownBy(() -> new OutputRegistry(List.of(ActiveUsersOutput.OUTPUT, copy)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("tag " + ActiveUsersOutput.INSTANCE.tag());
    }

    @Test
    void shouldRefuseTwoOutputsWithOneStore() {
        // Given an output whose ledger declares overage's store
        GoldOutput sharing = GoldOutput.of(
                new SameTagAs(ActiveUsersOutput.INSTANCE),
                OverageOutput.OUTPUT.ledger().orElseThrow());
        // Then the registry cannot be built
        assertThatThrownBy(() -> new OutputRegistry(List.of(OverageOutput.OUTPUT, sharing)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("account-usage");
    }

    @Test
    void shouldRefuseAnOutputReadingOneThatIsNotRegistered() {
        // Given meeting minutes, which reads active users' totals, without active users
        assertThatThrownBy(() -> new OutputRegistry(List.of(MeetingMinutesOutput.OUTPUT)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not registered");
    }

    /** An output named "copy" with the tag of another. */
    private record SameTagAs(ActiveUsersOutput original) implements AggregateOutput<PeriodKey, ActiveUsers> {

        @Override
        public TopicSetting topic() {
            return new TopicSetting("copy", "gold.copy", "of a test");
        }

        @Override
        public Class<PeriodKey> keyType() {
            return PeriodKey.class;
        }

        @Override
        public Class<ActiveUsers> valueType() {
            return ActiveUsers.class;
        }

        @Override
        public byte tag() {
            return original.tag();
        }

        @Override
        public KeyCodec<PeriodKey> keys() {
            return original.keys();
        }

        @Override
        public Instant periodEnd(PeriodKey key, Periods periods) {
            return original.periodEnd(key, periods);
        }

        @Override
        public ActiveUsers row(Totals<PeriodKey> totals, Lineage lineage) {
            return original.row(totals, lineage);
        }
    }
}
