package io.zoommetering.topology.output.churnrisk;

import io.zoommetering.avro.gold.ChurnRiskReason;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The five signals of SPEC 4 over what an account keeps, as of a day (docs/SEMANTICS.md, "Churn risk"), and the
 * next day on which their outcome could change by time alone, which is when the daily sweep looks at the account
 * again.
 */
final class ChurnSignals {

    static final String FALLING_USAGE = "FALLING_USAGE";
    static final String INACTIVE = "INACTIVE";
    static final String REFUND_OR_DOWNGRADE = "REFUND_OR_DOWNGRADE";
    static final String CRITICAL_TICKET = "CRITICAL_TICKET";
    static final String EXPIRING_LICENSE = "EXPIRING_LICENSE";

    private final ChurnRiskSettings settings;

    ChurnSignals(ChurnRiskSettings settings) {
        this.settings = settings;
    }

    /** The signals that hold on a day, in the order of SPEC's list, each with its weight and evidence. */
    List<ChurnRiskReason> reasons(ChurnAccount account, int today) {
        ChurnRiskSettings.Weights weights = settings.weights();
        List<ChurnRiskReason> reasons = new ArrayList<>();
        fallingUsage(account, today)
                .ifPresent(
                        evidence -> reasons.add(new ChurnRiskReason(FALLING_USAGE, weights.fallingUsage(), evidence)));
        inactivity(account, today)
                .ifPresent(evidence -> reasons.add(new ChurnRiskReason(INACTIVE, weights.inactive(), evidence)));
        String credits = account.credits.entrySet().stream()
                .filter(credit -> inWindow(credit.getValue().day(), today, settings.creditDays()))
                .sorted(Comparator.comparing((Map.Entry<String, ChurnAccount.Credit> credit) ->
                                credit.getValue().day())
                        .thenComparing(Map.Entry::getKey))
                .map(credit -> credit.getValue().text())
                .collect(Collectors.joining("; "));
        if (!credits.isEmpty()) {
            reasons.add(new ChurnRiskReason(REFUND_OR_DOWNGRADE, weights.refundOrDowngrade(), credits));
        }
        if (!account.criticalTickets.isEmpty()) {
            String tickets = account.criticalTickets.entrySet().stream()
                    .map(ticket -> "ticket " + ticket.getKey() + " " + ticket.getValue())
                    .collect(Collectors.joining("; "));
            reasons.add(new ChurnRiskReason(CRITICAL_TICKET, weights.criticalTicket(), tickets));
        }
        String licenses = account.licenses.entrySet().stream()
                .filter(license -> expiresWithin(license.getValue(), today))
                .map(license -> "license " + license.getKey() + " ends " + LocalDate.ofEpochDay(license.getValue())
                        + " with no renewal_date")
                .collect(Collectors.joining("; "));
        if (!licenses.isEmpty()) {
            reasons.add(new ChurnRiskReason(EXPIRING_LICENSE, weights.expiringLicense(), licenses));
        }
        return reasons;
    }

    /** Sum of the reasons' weights, at most 100. */
    static int score(List<ChurnRiskReason> reasons) {
        return Math.min(
                100, reasons.stream().mapToInt(ChurnRiskReason::getWeight).sum());
    }

    /**
     * The first day after today on which a window moves over something the account keeps (a day of usage or
     * activity, a credit, a license's end), NONE when none does: an account with nothing in its windows but an
     * open ticket, or one already inactive, changes only with a record of its own.
     */
    int nextChange(ChurnAccount account, int today) {
        Next next = new Next(today);
        for (int day : account.minutes.keySet()) {
            next.consider(day);
            next.consider(day + settings.recentDays());
            next.consider(day + settings.usageDays());
        }
        Integer laterActive = account.activeDays.higher(today);
        next.consider(laterActive == null ? ChurnAccount.NONE : laterActive);
        next.consider(inactiveFrom(account, today));
        for (ChurnAccount.Credit credit : account.credits.values()) {
            next.consider(credit.day());
            next.consider(credit.day() + settings.creditDays());
        }
        for (int end : account.licenses.values()) {
            next.consider(end - settings.licenseDays() + 1);
            next.consider(end + 1);
        }
        return next.day;
    }

    private Optional<String> fallingUsage(ChurnAccount account, int today) {
        int recentFrom = today - settings.recentDays() + 1;
        int baselineFrom = recentFrom - 7 * settings.baselineWeeks();
        long recent = sum(account, recentFrom, today);
        long baseline = sum(account, baselineFrom, recentFrom - 1);
        // recent < ratio x baseline / weeks, exact.
        boolean falling = baseline > 0
                && BigDecimal.valueOf(recent)
                                .multiply(BigDecimal.valueOf(settings.baselineWeeks()))
                                .compareTo(settings.usageRatio().multiply(BigDecimal.valueOf(baseline)))
                        < 0;
        if (!falling) {
            return Optional.empty();
        }
        BigDecimal average = BigDecimal.valueOf(baseline)
                .divide(BigDecimal.valueOf(settings.baselineWeeks()), 1, RoundingMode.HALF_EVEN);
        return Optional.of("usage " + recent + " min in the last " + settings.recentDays() + " days, "
                + settings.baselineWeeks() + "-week weekly average " + average.toPlainString() + " min");
    }

    private Optional<String> inactivity(ChurnAccount account, int today) {
        int from = inactiveFrom(account, today);
        if (from == ChurnAccount.NONE || from > today) {
            return Optional.empty();
        }
        int lastActive = account.lastActiveDay(today);
        return Optional.of(
                lastActive != ChurnAccount.NONE && lastActive >= account.profileDay
                        ? "no activity since " + LocalDate.ofEpochDay(lastActive)
                        : "no activity since the first profile on " + LocalDate.ofEpochDay(account.profileDay));
    }

    /**
     * The day from which the account is inactive unless active again: inactiveDays after the later of its last
     * active day and its first profile; NONE without a profile.
     */
    private int inactiveFrom(ChurnAccount account, int today) {
        if (account.profileDay == ChurnAccount.NONE) {
            return ChurnAccount.NONE;
        }
        return Math.max(account.lastActiveDay(today), account.profileDay) + settings.inactiveDays();
    }

    private boolean expiresWithin(int end, int today) {
        return end >= today && end <= today + settings.licenseDays() - 1;
    }

    private static boolean inWindow(int day, int today, int days) {
        return day <= today && day >= today - days + 1;
    }

    private static long sum(ChurnAccount account, int from, int to) {
        long total = 0;
        for (long minutes : account.minutes.subMap(from, true, to, true).values()) {
            total += minutes;
        }
        return total;
    }

    /** The least candidate day after today. */
    private static final class Next {
        private final int today;
        int day = ChurnAccount.NONE;

        Next(int today) {
            this.today = today;
        }

        void consider(int candidate) {
            if (candidate != ChurnAccount.NONE && candidate > today && (day == ChurnAccount.NONE || candidate < day)) {
                day = candidate;
            }
        }
    }
}
