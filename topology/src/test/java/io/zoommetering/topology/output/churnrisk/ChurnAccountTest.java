package io.zoommetering.topology.output.churnrisk;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoommetering.avro.gold.ChurnRiskReason;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The text of the row written, which the query API reads the row back from. */
class ChurnAccountTest {

    @Test
    void shouldReadBackTheReasonsWrittenEvenWithLineBreaksAndBackslashesInIds() {
        // Given reasons whose evidence quotes ids with a line break, a backslash and "\n" spelled out
        List<ChurnRiskReason> reasons = List.of(
                new ChurnRiskReason("INACTIVE", 40, "no activity since 2026-02-01"),
                new ChurnRiskReason("CRITICAL_TICKET", 25, "ticket t-1\nt-2 OPEN since 2026-02-03; ticket a\\b \\n"),
                new ChurnRiskReason("EXPIRING_LICENSE", 20, ""));
        ChurnAccount account = new ChurnAccount();
        // When they are written as text
        account.written = ChurnAccount.written(85, reasons);
        // Then the text reads back as the score and the very reasons
        assertThat(account.writtenScore()).isEqualTo(85);
        assertThat(account.writtenReasons()).isEqualTo(reasons);
    }

    @Test
    void shouldWriteTheTextOfEarlierVersionsForEvidenceWithoutEscapes() {
        // Given the text the ledger wrote before, which stored accounts hold: a row is not rewritten on upgrade
        List<ChurnRiskReason> reasons = List.of(
                new ChurnRiskReason(
                        "FALLING_USAGE", 30, "usage 50 min in the last 7 days, 4-week weekly average 400.0 min"),
                new ChurnRiskReason("REFUND_OR_DOWNGRADE", 25, "REFUND 10.00 USD on 2026-02-02"));
        String before = "55\nFALLING_USAGE 30 usage 50 min in the last 7 days, 4-week weekly average 400.0 min\n"
                + "REFUND_OR_DOWNGRADE 25 REFUND 10.00 USD on 2026-02-02";
        // Then the text is the same, and a score without reasons is the score alone
        assertThat(ChurnAccount.written(55, reasons)).isEqualTo(before);
        ChurnAccount clear = new ChurnAccount();
        clear.written = ChurnAccount.written(0, List.of());
        assertThat(clear.written).isEqualTo("0");
        assertThat(clear.writtenScore()).isZero();
        assertThat(clear.writtenReasons()).isEmpty();
    }
}
