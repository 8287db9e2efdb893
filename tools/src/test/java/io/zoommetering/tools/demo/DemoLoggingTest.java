package io.zoommetering.tools.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoLoggingTest {

    private static final String KAFKA_WARNING = "2026-12-03T14:00:00.000+0000 [kafka-producer-network-thread]"
            + " [WARN] org.apache.kafka.clients.NetworkClient - Error while fetching metadata: LEADER_NOT_AVAILABLE";
    private static final String OWN_WARNING = "2026-12-03T14:00:01.000+0000 [main] [WARN]"
            + " io.zoommetering.tools.cli.DemoCommand - The processor is still busy";
    private static final String ANY_ERROR = "2026-12-03T14:00:02.000+0000 [StreamThread-1] [ERROR]"
            + " org.apache.kafka.streams.KafkaStreams - stream-client [x] Encountered the following exception";
    private static final String BROKER_ERROR = "2026-12-03T14:00:02.500+0000 [data-plane-kafka-request-handler-1]"
            + " [ERROR] kafka.server.ReplicaManager - Error processing append operation on partition x-0";
    private static final String INFO =
            "2026-12-03T14:00:03.000+0000 [main] [INFO] kafka.server.BrokerServer -" + " started";

    @Test
    void everyLineGoesToTheFileAndOnlyWhatMattersToTheConsole(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream before = System.err;
        try (DemoLogging logging = DemoLogging.toFile(dir, new PrintStream(console, true, StandardCharsets.UTF_8))) {
            for (String line : new String[] {KAFKA_WARNING, OWN_WARNING, ANY_ERROR, BROKER_ERROR, INFO}) {
                System.err.println(line);
            }
            System.err.print("an unfinished [WARN] io.zoommetering.X - ");
            System.err.println("line of two writes");
        }
        assertThat(System.err).as("restored").isSameAs(before);
        assertThat(Files.readAllLines(DemoLogging.file(dir)))
                .containsExactly(
                        KAFKA_WARNING,
                        OWN_WARNING,
                        ANY_ERROR,
                        BROKER_ERROR,
                        INFO,
                        "an unfinished [WARN] io.zoommetering.X - line of two writes");
        assertThat(console.toString(StandardCharsets.UTF_8).lines())
                .containsExactly(OWN_WARNING, ANY_ERROR, "an unfinished [WARN] io.zoommetering.X - line of two writes");
    }
}
