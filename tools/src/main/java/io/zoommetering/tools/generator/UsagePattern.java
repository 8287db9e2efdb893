package io.zoommetering.tools.generator;

import io.zoommetering.avro.common.PlanType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * How regularly an account uses the platform, drawn once per account: most people do not meet on Zoom every day.
 * A heavy user works on it most days, a regular one on a day or two a week, an occasional one a few days a month.
 * On a day it does not use the platform an account starts no session and joins no meeting (its colleagues' meetings
 * go on without it); on a day it does, its sessions follow its activity and local working hours as before. The day
 * is the account's local calendar day, and whether it is one of its days is drawn when the day is first asked about.
 */
enum UsagePattern {
    /** Most working days. */
    HEAVY(0.85, 2.0),
    /** A day or two a week. */
    REGULAR(0.3, 1.0),
    /** A few days a month. */
    OCCASIONAL(0.06, 0.5);

    /** Chance that a given day is one of the account's days. */
    final double dayChance;
    /** Factor on the account's propensity for activity: heavy users rank higher in the Zipf-like law. */
    final double activityLean;

    UsagePattern(double dayChance, double activityLean) {
        this.dayChance = dayChance;
        this.activityLean = activityLean;
    }

    /** A pattern for an account of {@code plan}: paying accounts lean towards regular use, free ones to occasional. */
    static UsagePattern draw(PlanType plan, Dice dice) {
        double[] weights = switch (plan) {
            case FREE -> new double[] {10, 30, 60};
            case BASIC -> new double[] {20, 40, 40};
            case EDUCATION -> new double[] {30, 45, 25};
            default -> new double[] {32, 43, 25};
        };
        return dice.weighted(List.of(values()), weights);
    }

    /** The days of every account: whether the local day of an instant is one on which the account uses Zoom. */
    static final class Days {
        private final Dice dice;
        private final LocalDate[] decidedFor;
        private final boolean[] uses;

        Days(Population population, Dice dice) {
            this.dice = dice;
            int size = population.accounts().size() + 1;
            decidedFor = new LocalDate[size];
            uses = new boolean[size];
        }

        /** Whether {@code account} uses the platform on its local day of {@code at}. */
        boolean usesOn(Account account, Instant at) {
            int i = account.index;
            LocalDate day = LocalDate.ofInstant(at, account.zone);
            if (!day.equals(decidedFor[i])) {
                decidedFor[i] = day;
                uses[i] = dice.chance(account.pattern.dayChance);
            }
            return uses[i];
        }
    }
}
