package io.zoommetering.tools.analytics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Scored cases (a score and whether the event happened) and the figures that judge the score: precision and recall
 * of a flag, and the ROC AUC of the score (the chance that a random positive scores above a random negative, ties
 * counting half), computed from average ranks (Mann-Whitney).
 */
final class Classification {

    record Case(double score, boolean flagged, boolean positive) {}

    private final List<Case> cases = new ArrayList<>();

    void add(double score, boolean flagged, boolean positive) {
        cases.add(new Case(score, flagged, positive));
    }

    long cases() {
        return cases.size();
    }

    long positives() {
        return cases.stream().filter(Case::positive).count();
    }

    long flagged() {
        return cases.stream().filter(Case::flagged).count();
    }

    long truePositives() {
        return cases.stream().filter(c -> c.flagged() && c.positive()).count();
    }

    /** Share of flagged cases that are positive; NaN when nothing is flagged. */
    double precision() {
        return (double) truePositives() / flagged();
    }

    /** Share of positive cases that are flagged; NaN without positives. */
    double recall() {
        return (double) truePositives() / positives();
    }

    double auc() {
        List<Case> sorted = new ArrayList<>(cases);
        sorted.sort(Comparator.comparingDouble(Case::score));
        double positiveRanks = 0;
        int i = 0;
        while (i < sorted.size()) {
            int j = i;
            while (j < sorted.size() && sorted.get(j).score() == sorted.get(i).score()) {
                j++;
            }
            double averageRank = (i + 1 + j) / 2.0; // ranks i+1 .. j
            for (int k = i; k < j; k++) {
                if (sorted.get(k).positive()) {
                    positiveRanks += averageRank;
                }
            }
            i = j;
        }
        long positives = positives();
        long negatives = sorted.size() - positives;
        return (positiveRanks - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }
}
