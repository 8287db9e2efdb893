package io.zoommetering.topology.output.licenseutilization;

import io.zoommetering.avro.billing.License;
import io.zoommetering.avro.billing.LicenseStatus;
import io.zoommetering.avro.common.PeriodType;
import io.zoommetering.avro.gold.LicenseUtilizationKey;
import io.zoommetering.avro.internal.EnvelopeKind;
import io.zoommetering.topology.account.AccountRecord;
import io.zoommetering.topology.account.Ledger;
import io.zoommetering.topology.account.LedgerContext;
import io.zoommetering.topology.account.PartialAggregates;
import io.zoommetering.topology.account.StoreKeys;
import io.zoommetering.topology.output.licenseutilization.LicenseUtilizationOutput.Held;
import io.zoommetering.topology.time.Periods;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Valid and utilized licenses per type and period, from each license's current state and its holder's activity,
 * both of which reach the holder's account task (licenses are routed to their assignee by the upsert router, which
 * withdraws a reassigned license from its previous holder; activity is told on the user's own task).
 *
 * <p>The state grows with licenses and with users' active periods, never with licenses × days: one entry per
 * license that counts now ({@link LicenseUtilizationOutput#LICENSES}, by account then license, so an account's
 * licenses are one prefix range) and one per (user, period) the user is active in
 * ({@link LicenseUtilizationOutput#ACTIVE_PERIODS}, by user, period type and first day in an order-preserving
 * encoding, so a user's active periods within a license's days are one range). The denominator is a count per
 * (type, period) in the task's partial aggregates, written up to a horizon near the task's latest records
 * ({@link ValidLicenseCalendar}); a new state of a license of the same type changes only the periods where the two
 * states' days differ.
 */
final class LicenseUtilizationLedger implements Ledger {

    private static final StringSerializer STRINGS = new StringSerializer();
    /** Shifts every epoch day a LocalDate can hold to a non-negative number of at most 13 digits. */
    private static final long DAY_OFFSET = 1_000_000_000_000L;

    private static final byte[] ACTIVE = new byte[0];

    private final KeyValueStore<String, Held> licenses;
    private final KeyValueStore<String, byte[]> activePeriods;
    private final PartialAggregates partials;
    private final Periods periods;
    private final ValidLicenseCalendar valid;

    LicenseUtilizationLedger(LedgerContext context) {
        this.licenses = context.store(LicenseUtilizationOutput.LICENSES);
        this.activePeriods = context.store(LicenseUtilizationOutput.ACTIVE_PERIODS);
        this.partials = context.partials();
        this.periods = context.periods();
        this.valid = new ValidLicenseCalendar(context.store(LicenseUtilizationOutput.CALENDAR), partials, periods);
    }

    /**
     * A license's new current state replaces what its previous one contributed; a WITHDRAWN state (the license
     * moved to another holder) takes the contribution back. SUPERSEDED states (older than the current one) change
     * nothing: the router already decided they are not the latest.
     */
    @Override
    public void record(AccountRecord record) {
        valid.reach(record.eventTime());
        if (!(record.payload() instanceof License license) || record.kind() == EnvelopeKind.SUPERSEDED) {
            return;
        }
        String account = accountOf(license);
        String key = StoreKeys.of(account, license.getLicenseId());
        Held previous = licenses.get(key);
        Held next = record.kind() == EnvelopeKind.CURRENT ? heldOf(license) : null;
        if (Objects.equals(previous, next)) {
            // A re-sent state, or one that changes nothing counted here (its renewal date, its event time).
            return;
        }
        changeValid(previous, next);
        // The two states' utilized periods are summed before they reach the partials: a state that moves a
        // license's end by a day changes at most the holder's active periods of that day.
        Map<Utilized, Integer> changes = new HashMap<>();
        if (previous != null) {
            utilize(account, previous, -1, changes);
        }
        if (next != null) {
            utilize(account, next, +1, changes);
            licenses.put(key, next);
        } else if (previous != null) {
            licenses.delete(key);
        }
        changes.forEach((change, delta) -> partials.addCount(
                LicenseUtilizationOutput.INSTANCE,
                new LicenseUtilizationKey(change.licenseType(), change.type(), change.start()),
                LicenseUtilizationOutput.UTILIZED,
                delta));
    }

    /**
     * The valid counts a license's change moves: of the same type, only the periods where the two states' days
     * differ (a renewal that moves the end by a month changes the periods of that month); otherwise all of both.
     */
    private void changeValid(Held previous, Held next) {
        for (PeriodType type : Periods.CALENDAR) {
            if (previous != null && next != null && previous.type().equals(next.type())) {
                LocalDate oldFirst = periods.periodStart(type, previous.start());
                LocalDate oldLast = periods.periodStart(type, previous.end());
                LocalDate newFirst = periods.periodStart(type, next.start());
                LocalDate newLast = periods.periodStart(type, next.end());
                if (!newFirst.isAfter(oldLast) && !oldFirst.isAfter(newLast)) {
                    // Overlapping: the difference is at most one range at each end.
                    changeEnd(next.type(), type, newFirst, oldFirst);
                    changeEnd(
                            next.type(),
                            type,
                            ValidLicenseCalendar.next(type, oldLast),
                            ValidLicenseCalendar.next(type, newLast));
                    continue;
                }
            }
            if (previous != null) {
                valid.add(
                        previous.type(),
                        type,
                        periods.periodStart(type, previous.start()),
                        periods.periodStart(type, previous.end()),
                        -1);
            }
            if (next != null) {
                valid.add(
                        next.type(),
                        type,
                        periods.periodStart(type, next.start()),
                        periods.periodStart(type, next.end()),
                        +1);
            }
        }
    }

    /**
     * One end of a license's periods moved from {@code from} to {@code to} (both the first period of the side
     * they bound): the periods between are added when the range grew, withdrawn when it shrank.
     */
    private void changeEnd(String licenseType, PeriodType type, LocalDate from, LocalDate to) {
        if (from.isBefore(to)) {
            valid.add(licenseType, type, from, previousPeriod(type, to), +1);
        } else if (to.isBefore(from)) {
            valid.add(licenseType, type, to, previousPeriod(type, from), -1);
        }
    }

    /** The user's licenses that cover the period count as utilized there exactly while the user is active in it. */
    @Override
    public void activity(String user, PeriodType type, LocalDate start, boolean active) {
        valid.reach(type, start);
        String periodKey = activePeriodKey(user, type, start);
        if (active) {
            activePeriods.put(periodKey, ACTIVE);
        } else {
            activePeriods.delete(periodKey);
        }
        LocalDate last = lastDay(type, start);
        try (KeyValueIterator<String, Held> held = licenses.prefixScan(StoreKeys.of(user, ""), STRINGS)) {
            while (held.hasNext()) {
                Held license = held.next().value;
                if (license.assigned()
                        && !license.start().isAfter(last)
                        && !license.end().isBefore(start)) {
                    partials.addCount(
                            LicenseUtilizationOutput.INSTANCE,
                            new LicenseUtilizationKey(license.type(), type, start),
                            LicenseUtilizationOutput.UTILIZED,
                            active ? 1 : -1);
                }
            }
        }
    }

    /** Adds (sign +1) or withdraws (sign -1) a held license's utilized periods: those its holder is active in. */
    private void utilize(String account, Held license, int sign, Map<Utilized, Integer> changes) {
        if (!license.assigned()) {
            return;
        }
        for (PeriodType type : Periods.CALENDAR) {
            LocalDate first = periods.periodStart(type, license.start());
            LocalDate lastStart = periods.periodStart(type, license.end());
            try (KeyValueIterator<String, byte[]> active = activePeriods.range(
                    activePeriodKey(account, type, first), activePeriodKey(account, type, lastStart))) {
                while (active.hasNext()) {
                    KeyValue<String, byte[]> period = active.next();
                    changes.merge(new Utilized(license.type(), type, dayOf(period.key)), sign, Integer::sum);
                }
            }
        }
    }

    /** One utilized count of one license type and period; a plain record, hashed far more cheaply than an Avro key. */
    private record Utilized(String licenseType, PeriodType type, LocalDate start) {}

    /** What a state contributes: nothing unless ACTIVE (an EXPIRED or SUSPENDED license is valid in no period). */
    private static Held heldOf(License license) {
        if (license.getLicenseStatus() != LicenseStatus.ACTIVE) {
            return null;
        }
        return new Held(
                license.getLicenseType(), license.getStartDate(), license.getEndDate(), holderOf(license) != null);
    }

    /** The account the router sent the state to: its assignee, or the license itself when unassigned. */
    private static String accountOf(License license) {
        String holder = holderOf(license);
        return holder == null ? license.getLicenseId() : holder;
    }

    private static String holderOf(License license) {
        String user = license.getAssignedUserId();
        return user == null || user.isBlank() ? null : user;
    }

    private static LocalDate previousPeriod(PeriodType type, LocalDate start) {
        return switch (type) {
            case DAILY -> start.minusDays(1);
            case WEEKLY -> start.minusDays(7);
            case MONTHLY -> start.minusMonths(1);
            default -> throw new IllegalArgumentException("not a calendar period: " + type);
        };
    }

    private static LocalDate lastDay(PeriodType type, LocalDate start) {
        return switch (type) {
            case DAILY -> start;
            case WEEKLY -> start.plusDays(6);
            case MONTHLY -> start.plusMonths(1).minusDays(1);
            default -> throw new IllegalArgumentException("not a calendar period: " + type);
        };
    }

    /** Fixed-width digits, so that the store's byte order is the order of the days. */
    private static String activePeriodKey(String user, PeriodType type, LocalDate start) {
        return StoreKeys.of(user, type.name(), StoreKeys.fixedWidth(start.toEpochDay() + DAY_OFFSET, 13));
    }

    private static LocalDate dayOf(String activePeriodKey) {
        String digits = activePeriodKey.substring(activePeriodKey.length() - 13);
        return LocalDate.ofEpochDay(Long.parseLong(digits) - DAY_OFFSET);
    }
}
