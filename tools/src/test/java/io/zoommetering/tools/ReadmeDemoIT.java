package io.zoommetering.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoommetering.tools.testing.AppProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command, as a newcomer runs it (on free ports here, since tests run side by side): the shaded
 * jar's live demo prints its addresses, backfills a history, shows KPIs of a running business and exits 0.
 */
@Tag("integration")
class ReadmeDemoIT {

    private static final Pattern ACTIVE_USERS = Pattern.compile(
            "today \\(DAU\\) ([0-9,]+)   this week \\(WAU\\) ([0-9,]+)   this month \\(MAU\\) ([0-9,]+)");
    private static final Pattern MRR =
            Pattern.compile("MRR \\d{4}-\\d{2} \\(ALL\\)\\s+\\$([0-9,.]+) \\(([0-9,]+) paying");

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void shouldShowTheDashboardUrlAndTheKpisOfABackfilledHistory(@TempDir Path dir) throws Exception {
        // Given the demo of the README for 90 seconds, with 3 days of history (the default 35 take minutes to process
        // on a machine that runs other builds; the backfill is the same, only shorter)
        try (AppProcess demo = AppProcess.start(
                AppProcess.TOOLS_JAR,
                dir.resolve("demo.log"),
                "demo",
                "--duration",
                "90s",
                "--backfill",
                "3d",
                "--http-port",
                "0",
                "--kafka-port",
                "0",
                "--registry-port",
                "0",
                "--data-dir",
                dir.resolve("data").toString())) {
            // When it has run its course
            int exitCode = demo.awaitExit(Duration.ofMinutes(4));

            // Then it exited 0, having named its addresses and produced the history first
            String output = demo.output();
            assertThat(exitCode).as(output).isZero();
            assertThat(output)
                    .containsPattern("Dashboard: +http://localhost:[0-9]+/")
                    .containsPattern("Schema Registry API: +http://127.0.0.1:[0-9]+")
                    .containsPattern("Kafka \\(bootstrap servers\\): +127.0.0.1:[0-9]+")
                    .contains("Backfilling the last 3 days of history")
                    .containsPattern("history [0-9,]{4,} records");
            assertThat(output).doesNotContain("[INFO]").as("Kafka's logs are in the data directory's demo.log");
            // and its last table has the figures of a running business: active users, paying accounts, MRR
            String last = output.substring(output.lastIndexOf("==="));
            Matcher users = ACTIVE_USERS.matcher(last);
            assertThat(users.find()).as(output).isTrue();
            assertThat(number(users.group(3))).as("MAU").isPositive();
            Matcher mrr = MRR.matcher(last);
            assertThat(mrr.find()).as(output).isTrue();
            assertThat(Double.parseDouble(mrr.group(1).replace(",", "")))
                    .as("MRR")
                    .isPositive();
            assertThat(number(mrr.group(2))).as("paying accounts").isPositive();
            assertThat(last).contains("Meeting minutes", "Top overage", "Errors by type");
        }
    }

    private static long number(String text) {
        return Long.parseLong(text.replace(",", ""));
    }
}
