package io.zoommetering.tools.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ClassificationTest {

    @Test
    void shouldCountPrecisionAndRecallOfTheFlag() {
        // Given two positives, one flagged, and three negatives, one flagged
        Classification cases = new Classification();
        cases.add(80, true, true);
        cases.add(20, false, true);
        cases.add(60, true, false);
        cases.add(10, false, false);
        cases.add(0, false, false);
        // Then half the flagged are positive and half the positives are flagged
        assertThat(cases.precision()).isEqualTo(0.5);
        assertThat(cases.recall()).isEqualTo(0.5);
    }

    @Test
    void shouldComputeTheAucAsTheShareOfPositiveNegativePairsRankedRightWithTiesCountingHalf() {
        // Given positives scored 80 and 20, negatives 60, 20 and 0
        Classification cases = new Classification();
        cases.add(80, true, true);
        cases.add(20, false, true);
        cases.add(60, true, false);
        cases.add(20, false, false);
        cases.add(0, false, false);
        // Then of the 6 pairs: 80 beats all three (3), 20 beats 0 (1) and ties 20 (0.5): 4.5 / 6
        assertThat(cases.auc()).isCloseTo(0.75, within(1e-12));
    }

    @Test
    void shouldGiveAYesNoFlagTheAucOfItsTwoRates() {
        // Given a flag that catches one positive of two and no negative
        Classification cases = new Classification();
        cases.add(1, true, true);
        cases.add(0, false, true);
        cases.add(0, false, false);
        cases.add(0, false, false);
        // Then its AUC is (recall + specificity) / 2 = (0.5 + 1) / 2
        assertThat(cases.auc()).isCloseTo(0.75, within(1e-12));
    }
}
