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
 * (type, period) in the task's partial aggregates, which grows with periods × types; a license adds 1 to each
 * period its days overlap, a cost paid once per license state (about 430 keys for a year-long license).
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

    LicenseUtilizationLedger(LedgerContext context) {
        this.licenses = context.store(LicenseUtilizationOutput.LICENSES);
        this.activePeriods = context.store(LicenseUtilizationOutput.ACTIVE_PERIODS);
        this.partials = context.partials();
        this.periods = context.periods();
    }

    /**
     * A license's new current state replaces what its previous one contributed; a WITHDRAWN state (the license
     * moved to another holder) takes the contribution back. SUPERSEDED states (older than the current one) change
     * nothing: the router already decided they are not the latest.
     */
    @Override
    public void record(AccountRecord record) {
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
        // The two contributions are summed before they reach the partials: a state that moves a license's end by
        // a day changes two counts, not the hundreds of periods both states cover.
        Map<Contribution, Integer> changes = new HashMap<>();
        if (previous != null) {
            contribute(account, previous, -1, changes);
        }
        if (next != null) {
            contribute(account, next, +1, changes);
            licenses.put(key, next);
        } else if (previous != null) {
            licenses.delete(key);
        }
        changes.forEach((change, delta) -> partials.addCount(
                LicenseUtilizationOutput.INSTANCE,
                new LicenseUtilizationKey(change.licenseType(), change.type(), change.start()),
                change.measure(),
                delta));
    }

    /** The user's licenses that cover the period count as utilized there exactly while the user is active in it. */
    @Override
    public void activity(String user, PeriodType type, LocalDate start, boolean active) {
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

    /**
     * Adds (sign +1) or withdraws (sign -1) a held license: valid in each period its days overlap, utilized in
     * those of them its holder is active in.
     */
    private void contribute(String account, Held license, int sign, Map<Contribution, Integer> changes) {
        for (PeriodType type : Periods.CALENDAR) {
            LocalDate first = periods.periodStart(type, license.start());
            LocalDate lastStart = periods.periodStart(type, license.end());
            for (LocalDate start = first;
                    !start.isAfter(lastStart);
                    start = lastDay(type, start).plusDays(1)) {
                changes.merge(
                        new Contribution(license.type(), type, start, LicenseUtilizationOutput.VALID),
                        sign,
                        Integer::sum);
            }
            if (!license.assigned()) {
                continue;
            }
            try (KeyValueIterator<String, byte[]> active = activePeriods.range(
                    activePeriodKey(account, type, first), activePeriodKey(account, type, lastStart))) {
                while (active.hasNext()) {
                    KeyValue<String, byte[]> period = active.next();
                    changes.merge(
                            new Contribution(
                                    license.type(), type, dayOf(period.key), LicenseUtilizationOutput.UTILIZED),
                            sign,
                            Integer::sum);
                }
            }
        }
    }

    /** One count of one license type and period; a plain record, hashed far more cheaply than an Avro key. */
    private record Contribution(String licenseType, PeriodType type, LocalDate start, String measure) {}

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
        return StoreKeys.of(user, type.name(), String.format("%013d", start.toEpochDay() + DAY_OFFSET));
    }

    private static LocalDate dayOf(String activePeriodKey) {
        String digits = activePeriodKey.substring(activePeriodKey.length() - 13);
        return LocalDate.ofEpochDay(Long.parseLong(digits) - DAY_OFFSET);
    }
}
