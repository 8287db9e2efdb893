package io.zoommetering.topology.output.featureusagefact;

import static io.zoommetering.topology.Events.at;
import static io.zoommetering.topology.Events.feature;
import static io.zoommetering.topology.Events.started;
import static org.assertj.core.api.Assertions.assertThat;

import io.zoommetering.avro.gold.fact.FeatureUsageFact;
import io.zoommetering.avro.gold.fact.FeatureUsageFactKey;
import io.zoommetering.avro.usage.FeatureUsage;
import io.zoommetering.avro.usage.Meeting;
import io.zoommetering.serdes.registry.InMemorySchemaRegistry;
import io.zoommetering.topology.GoldDriver;
import io.zoommetering.topology.GoldTopology;
import io.zoommetering.topology.account.MeetingTopics;
import io.zoommetering.topology.config.MeteringConfig;
import io.zoommetering.topology.topics.RegistryAvroSerdes;
import io.zoommetering.topology.topics.Topic;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FeatureUsageFactTest {

    private static final Instant NINE = at("2026-03-03T09:00:00Z");

    private final GoldDriver driver = new GoldDriver();
    private final Topic<FeatureUsageFactKey, FeatureUsageFact> facts =
            driver.topics().output(FeatureUsageFactOutput.INSTANCE);

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void shouldCarryTheTopicOfAMeetingProcessedBeforeTheUsage() {
        // Given a usage in m-1 before any state of m-1 was processed, then m-1 started
        FeatureUsage early = inMeeting("m-1", "CHAT", 3, at("2026-03-03T09:05:00Z"));
        driver.send(driver.topics().featureUsage, "m-1", early);
        driver.send(driver.topics().meetings, "m-1", started("m-1", "u-1", NINE));
        // When a usage in m-1 follows, and one outside any meeting
        FeatureUsage late = inMeeting("m-1", "SCREEN_SHARE", 2, at("2026-03-03T09:10:00Z"));
        driver.send(driver.topics().featureUsage, "m-1", late);
        FeatureUsage outside = feature("u-1", "WHITEBOARD", 60, at("2026-03-03T23:30:00Z"));
        driver.send(driver.topics().featureUsage, "u-1", outside);
        // Then only the usage processed after the meeting has its topic; each row keeps its own count and day
        Map<FeatureUsageFactKey, FeatureUsageFact> table = driver.table(facts);
        FeatureUsageFact first = table.get(new FeatureUsageFactKey(early.getEventId()));
        assertThat(first.getMeetingTopic()).isNull();
        assertThat(first.getFeatureName()).isEqualTo("CHAT");
        assertThat(first.getUsageCount()).isEqualTo(3);
        assertThat(first.getUsageDate()).isEqualTo(LocalDate.of(2026, 3, 3));
        assertThat(first.getLoadDate()).isEqualTo(LocalDate.ofInstant(GoldDriver.START, ZoneOffset.UTC));
        assertThat(first.getSourceSystem()).isEqualTo("zoom-metering");
        FeatureUsageFact second = table.get(new FeatureUsageFactKey(late.getEventId()));
        assertThat(second.getMeetingTopic()).isEqualTo("Topic m-1");
        assertThat(second.getUsageCount()).isEqualTo(2);
        assertThat(table.get(new FeatureUsageFactKey(outside.getEventId())).getMeetingTopic())
                .isNull();
    }

    @Test
    void shouldTakeTheTopicOfTheMeetingsLatestStateByEventTime() {
        // Given m-1 renamed by a newer state, then an older state with the first name arriving late
        driver.send(driver.topics().meetings, "m-1", started("m-1", "u-1", NINE));
        Meeting renamed = Meeting.newBuilder(started("m-1", "u-1", NINE, at("2026-03-03T09:20:00Z")))
                .setMeetingTopic("Renamed")
                .build();
        driver.send(driver.topics().meetings, "m-1", renamed);
        driver.send(driver.topics().meetings, "m-1", started("m-1", "u-1", NINE, at("2026-03-03T09:01:00Z")));
        // When a usage in m-1 is processed
        FeatureUsage usage = inMeeting("m-1", "CHAT", 1, at("2026-03-03T09:30:00Z"));
        driver.send(driver.topics().featureUsage, "m-1", usage);
        // Then it carries the latest state's topic, not the last one processed
        assertThat(driver.table(facts)
                        .get(new FeatureUsageFactKey(usage.getEventId()))
                        .getMeetingTopic())
                .isEqualTo("Renamed");
    }

    @Test
    void shouldWriteADuplicateUsageNoMore() {
        // Given a usage
        FeatureUsage usage = inMeeting("m-1", "CHAT", 1, at("2026-03-03T09:30:00Z"));
        driver.send(driver.topics().featureUsage, "m-1", usage);
        // When its producer re-sends it
        driver.send(driver.topics().featureUsage, "m-1", usage);
        // Then its row was written once
        assertThat(driver.records(facts)).hasSize(1);
    }

    @Test
    void shouldJoinTheTopicsWhereTheMeetingsAndFeatureUsagePartitionsMeet() {
        // Given the production topology
        MeteringConfig config = new MeteringConfig(Map.of());
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "gold-shape");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        TopologyDescription topology = GoldTopology.build(
                        config,
                        RegistryAvroSerdes.of(InMemorySchemaRegistry.forScope("shape-" + UUID.randomUUID())),
                        props)
                .describe();
        // Then the store of meeting topics lives in the sub-topology that reads both input topics, and no
        // repartition topic was added for it: the only ones are by-account, partials and gold.forecast's series hours
        List<TopologyDescription.Subtopology> joined = topology.subtopologies().stream()
                .filter(sub -> sub.nodes().stream()
                        .anyMatch(node -> node instanceof TopologyDescription.Processor processor
                                && processor.stores().contains(MeetingTopics.STORE)))
                .toList();
        assertThat(joined).hasSize(1);
        Set<String> sources = joined.get(0).nodes().stream()
                .filter(node -> node instanceof TopologyDescription.Source)
                .flatMap(node -> ((TopologyDescription.Source) node).topicSet().stream())
                .collect(Collectors.toSet());
        assertThat(sources).contains(config.topicName("meetings"), config.topicName("feature-usage"));
        Set<String> repartitions = topology.subtopologies().stream()
                .flatMap(sub -> sub.nodes().stream())
                .filter(node -> node instanceof TopologyDescription.Sink)
                .map(node -> ((TopologyDescription.Sink) node).topic())
                .filter(topic -> topic != null && topic.endsWith("-repartition"))
                .collect(Collectors.toSet());
        assertThat(repartitions)
                .containsExactlyInAnyOrder(
                        "by-account-repartition", "partials-repartition", "forecast-hours-repartition");
    }

    private static FeatureUsage inMeeting(String meetingId, String name, int count, Instant at) {
        return FeatureUsage.newBuilder(feature("u-1", name, 30, at))
                .setMeetingId(meetingId)
                .setUsageCount(count)
                .build();
    }
}
