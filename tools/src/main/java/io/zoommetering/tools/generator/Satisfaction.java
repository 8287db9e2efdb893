package io.zoommetering.tools.generator;

/**
 * The latent satisfaction of each account (0 to 1), which no record carries and which drives the behaviour that
 * precedes churn. It rests near the account's own baseline; now and then something sours it (a bad experience, a
 * competitor, a budget cut) and it drifts down for weeks, then recovers slowly. The lower it is, the less the
 * account uses the platform, the more tickets it opens and the more of them are critical, the likelier a downgrade
 * or a request for money back; once it has stayed below {@link #UNHAPPY} for longer than the account's patience,
 * the account cancels with some chance each day. An account whose mood recovers before its patience runs out
 * stays, which is what makes churn hard to predict.
 */
final class Satisfaction {

    /** Below this an account considers leaving. */
    static final double UNHAPPY = 0.3;
    /** Daily chance that something sours a content account: about one account in thirteen a month. */
    private static final double SOUR_CHANCE = 1.0 / 400;
    /** Daily chance of cancelling once patience has run out. */
    private static final double CANCEL_CHANCE = 0.25;

    private final Dice dice;
    private final double[] level;
    private final double[] baseline;
    private final double[] drift;
    private final int[] souringDays;
    private final int[] unhappyDays;
    private final int[] patience;

    Satisfaction(Population population, Dice dice) {
        this.dice = dice;
        int size = population.accounts().size() + 1;
        level = new double[size];
        baseline = new double[size];
        drift = new double[size];
        souringDays = new int[size];
        unhappyDays = new int[size];
        patience = new int[size];
        for (Account account : population.accounts()) {
            int i = account.index;
            baseline[i] = clamp(0.78 + 0.1 * dice.gaussian(), 0.45, 1);
            level[i] = baseline[i];
            patience[i] = dice.between(4, 35);
        }
    }

    /** A day passes for the account. */
    void day(Account account) {
        int i = account.index;
        if (souringDays[i] > 0) {
            level[i] += drift[i];
            souringDays[i]--;
        } else if (dice.chance(SOUR_CHANCE)) {
            souringDays[i] = dice.between(10, 50);
            drift[i] = -dice.uniform(0.008, 0.03);
        } else {
            level[i] += 0.03 * (baseline[i] - level[i]);
        }
        level[i] = clamp(level[i] + 0.01 * dice.gaussian(), 0, 1);
        unhappyDays[i] = level[i] < UNHAPPY ? unhappyDays[i] + 1 : Math.max(0, unhappyDays[i] - 2);
    }

    /** Share of its usual activity the account still has: all of it while content, little when unhappy. */
    double engagement(Account account) {
        return clamp((level[account.index] - 0.1) / 0.5, 0.02, 1);
    }

    /** Whether a colleague invited to a meeting takes part, by the invitee's engagement. */
    boolean attends(Account account) {
        double engagement = engagement(account);
        return engagement >= 1 || dice.chance(engagement);
    }

    /** How many times its usual chance of a ticket the account has: up to 5 when unhappy. */
    double ticketFactor(Account account) {
        return 1 + 4 * Math.max(0, 0.6 - level[account.index]) / 0.6;
    }

    /** How many times its usual weight a CRITICAL priority has on the account's tickets. */
    double criticalFactor(Account account) {
        return 1 + 8 * Math.max(0, 0.45 - level[account.index]) / 0.45;
    }

    /** Whether an unhappy paying account moves to a cheaper plan today. */
    boolean downgradesToday(Account account) {
        return dice.chance(0.003 * Math.max(0, 0.45 - level[account.index]) / 0.45);
    }

    /** Whether an unhappy paying account asks for some money back today (a goodwill credit soothes it a little). */
    boolean asksForCreditToday(Account account) {
        boolean asks = dice.chance(0.004 * Math.max(0, 0.4 - level[account.index]) / 0.4);
        if (asks) {
            level[account.index] += 0.04;
        }
        return asks;
    }

    /** Whether an account just charged for a renewal asks for it back and leaves: likely only when unhappy. */
    boolean refundsRenewal(Account account) {
        return dice.chance(level[account.index] < 0.4 ? 0.25 : 0.001);
    }

    /** Whether the account cancels today: its patience with being unhappy has run out. */
    boolean cancelsToday(Account account) {
        return unhappyDays[account.index] > patience[account.index] && dice.chance(CANCEL_CHANCE);
    }

    /** Something went wrong for the account (a ticket caused by a platform incident). */
    void hurt(Account account, double by) {
        level[account.index] = clamp(level[account.index] - by, 0, 1);
    }

    private static double clamp(double value, double min, double max) {
        return Math.max(min, Math.min(max, value));
    }
}
