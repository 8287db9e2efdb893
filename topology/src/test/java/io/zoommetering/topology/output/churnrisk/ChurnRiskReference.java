package io.zoommetering.topology.output.churnrisk;

import io.zoommetering.avro.billing.BillingEvent;
import io.zoommetering.avro.billing.BillingEventType;
import io.zoommetering.avro.billing.License;
import io.zoommetering.avro.billing.LicenseStatus;
import io.zoommetering.avro.common.PeriodType;
import io.zoommetering.avro.gold.ChurnRiskKey;
import io.zoommetering.avro.gold.ChurnRiskReason;
import io.zoommetering.avro.gold.PeriodKey;
import io.zoommetering.avro.support.SupportTicket;
import io.zoommetering.avro.support.TicketPriority;
import io.zoommetering.avro.support.TicketStatus;
import io.zoommetering.avro.usage.Meeting;
import io.zoommetering.avro.usage.MeetingStatus;
import io.zoommetering.avro.usage.User;
import io.zoommetering.topology.reference.OutputReference;
import io.zoommetering.topology.reference.ReferenceInput;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;

/**
 * gold.churn-risk the obvious way, at the end of the input: "today" is the day of the greatest accepted event_time
 * (the account stage's stream time once everything is processed), and every profiled account's row is the five
 * signals over the latest states and the events of the windows counted back from it, with the default settings.
 */
public final class ChurnRiskReference implements OutputReference {

    private static final ChurnRiskSettings SETTINGS = ChurnRiskSettings.DEFAULTS;

    @Override
    public String topic() {
        return "gold.churn-risk";
    }

    @Override
    public Map<ChurnRiskKey, Map<String, Object>> table(ReferenceInput input) {
        List<SpecificRecord> accepted = input.accepted();
        LocalDate today = accepted.stream()
                .map(ChurnRiskReference::eventTime)
                .max(Comparator.naturalOrder())
                .map(time -> LocalDate.ofInstant(time, input.zone()))
                .orElse(LocalDate.EPOCH);
        Map<String, LocalDate> firstProfile = new TreeMap<>();
        for (SpecificRecord record : accepted) {
            if (record instanceof User user) {
                firstProfile.merge(
                        user.getUserId(), LocalDate.ofInstant(user.getEventTime(), input.zone()), this::earlier);
            }
        }
        Map<String, Meeting> meetings = latest(accepted, Meeting.class, Meeting::getMeetingId);
        Map<String, SupportTicket> tickets = latest(accepted, SupportTicket.class, SupportTicket::getTicketId);
        Map<String, License> licenses = latest(accepted, License.class, License::getLicenseId);
        Map<String, LocalDate> lastActive = new HashMap<>();
        for (PeriodKey period : input.activity().periods()) {
            if (period.getPeriodType() == PeriodType.DAILY
                    && !period.getActivityDate().isAfter(today)) {
                for (String user : input.activity().activeUsers(period)) {
                    lastActive.merge(user, period.getActivityDate(), (a, b) -> a.isAfter(b) ? a : b);
                }
            }
        }
        Map<ChurnRiskKey, Map<String, Object>> table = new LinkedHashMap<>();
        firstProfile.forEach((account, profiled) -> {
            List<ChurnRiskReason> reasons = new ArrayList<>();
            fallingUsage(account, meetings.values(), today, input).ifPresent(reasons::add);
            inactivity(profiled, lastActive.get(account), today).ifPresent(reasons::add);
            credits(account, accepted, today, input).ifPresent(reasons::add);
            criticalTickets(account, tickets, input).ifPresent(reasons::add);
            expiringLicenses(account, licenses, today).ifPresent(reasons::add);
            int score = Math.min(
                    100, reasons.stream().mapToInt(ChurnRiskReason::getWeight).sum());
            Map<String, Object> row = new HashMap<>();
            row.put("score", score);
            row.put("alert", score >= SETTINGS.alertScore());
            row.put("reasons", reasons);
            table.put(new ChurnRiskKey(account), row);
        });
        return table;
    }

    private LocalDate earlier(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }

    /** Minutes of hosted meetings whose latest state is ENDED, by start day: 7 days to today vs the 4 weeks before. */
    private static Optional<ChurnRiskReason> fallingUsage(
            String account, Iterable<Meeting> meetings, LocalDate today, ReferenceInput input) {
        LocalDate recentFrom = today.minusDays(SETTINGS.recentDays() - 1L);
        LocalDate baselineFrom = recentFrom.minusWeeks(SETTINGS.baselineWeeks());
        long recent = 0;
        long baseline = 0;
        for (Meeting meeting : meetings) {
            if (!meeting.getHostUserId().equals(account) || meeting.getStatus() != MeetingStatus.ENDED) {
                continue;
            }
            LocalDate day = LocalDate.ofInstant(meeting.getStartTime(), input.zone());
            if (!day.isBefore(recentFrom) && !day.isAfter(today)) {
                recent += meeting.getDurationMinutes();
            } else if (!day.isBefore(baselineFrom) && day.isBefore(recentFrom)) {
                baseline += meeting.getDurationMinutes();
            }
        }
        // Falling: recent < ratio x baseline / weeks.
        BigDecimal threshold = SETTINGS.usageRatio()
                .multiply(BigDecimal.valueOf(baseline))
                .divide(BigDecimal.valueOf(SETTINGS.baselineWeeks()), 10, RoundingMode.UNNECESSARY);
        if (baseline == 0 || BigDecimal.valueOf(recent).compareTo(threshold) >= 0) {
            return Optional.empty();
        }
        String average = BigDecimal.valueOf(baseline)
                .divide(BigDecimal.valueOf(SETTINGS.baselineWeeks()), 1, RoundingMode.HALF_EVEN)
                .toPlainString();
        return Optional.of(new ChurnRiskReason(
                "FALLING_USAGE",
                SETTINGS.weights().fallingUsage(),
                "usage " + recent + " min in the last 7 days, 4-week weekly average " + average + " min"));
    }

    /** No active day in the 14 days to today, counted from the later of the last active day and the first profile. */
    private static Optional<ChurnRiskReason> inactivity(LocalDate profiled, LocalDate lastActive, LocalDate today) {
        boolean activeSinceProfile = lastActive != null && !lastActive.isBefore(profiled);
        LocalDate since = activeSinceProfile ? lastActive : profiled;
        if (since.plusDays(SETTINGS.inactiveDays()).isAfter(today)) {
            return Optional.empty();
        }
        return Optional.of(new ChurnRiskReason(
                "INACTIVE",
                SETTINGS.weights().inactive(),
                activeSinceProfile
                        ? "no activity since " + lastActive
                        : "no activity since the first profile on " + profiled));
    }

    /** REFUND and DOWNGRADE events of the 30 days to today, by day, then event_id. */
    private static Optional<ChurnRiskReason> credits(
            String account, List<SpecificRecord> accepted, LocalDate today, ReferenceInput input) {
        LocalDate from = today.minusDays(SETTINGS.creditDays() - 1L);
        String evidence = accepted.stream()
                .filter(record -> record instanceof BillingEvent)
                .map(record -> (BillingEvent) record)
                .filter(billing -> billing.getUserId().equals(account))
                .filter(billing -> billing.getEventType() == BillingEventType.REFUND
                        || billing.getEventType() == BillingEventType.DOWNGRADE)
                .filter(billing -> {
                    LocalDate day = LocalDate.ofInstant(billing.getEventTime(), input.zone());
                    return !day.isBefore(from) && !day.isAfter(today);
                })
                .sorted(Comparator.comparing((BillingEvent billing) ->
                                billing.getEventTime().atZone(input.zone()).toLocalDate())
                        .thenComparing(BillingEvent::getEventId))
                .map(billing ->
                        billing.getEventType() + " " + billing.getAmount().toPlainString() + " " + billing.getCurrency()
                                + " on " + LocalDate.ofInstant(billing.getEventTime(), input.zone()))
                .collect(Collectors.joining("; "));
        return evidence.isEmpty()
                ? Optional.empty()
                : Optional.of(new ChurnRiskReason(
                        "REFUND_OR_DOWNGRADE", SETTINGS.weights().refundOrDowngrade(), evidence));
    }

    private static Optional<ChurnRiskReason> criticalTickets(
            String account, Map<String, SupportTicket> tickets, ReferenceInput input) {
        String evidence = new TreeMap<>(tickets)
                .values().stream()
                        .filter(ticket -> ticket.getUserId().equals(account))
                        .filter(ticket -> ticket.getPriority() == TicketPriority.CRITICAL)
                        .filter(ticket -> ticket.getStatus() != TicketStatus.RESOLVED
                                && ticket.getStatus() != TicketStatus.CLOSED)
                        .map(ticket -> "ticket " + ticket.getTicketId() + " " + ticket.getStatus() + " since "
                                + LocalDate.ofInstant(ticket.getOpenTime(), input.zone()))
                        .collect(Collectors.joining("; "));
        return evidence.isEmpty()
                ? Optional.empty()
                : Optional.of(new ChurnRiskReason(
                        "CRITICAL_TICKET", SETTINGS.weights().criticalTicket(), evidence));
    }

    /** ACTIVE licenses of the account without renewal_date ending in the 30 days from today. */
    private static Optional<ChurnRiskReason> expiringLicenses(
            String account, Map<String, License> licenses, LocalDate today) {
        LocalDate last = today.plusDays(SETTINGS.licenseDays() - 1L);
        String evidence = new TreeMap<>(licenses)
                .values().stream()
                        .filter(license -> account.equals(license.getAssignedUserId()))
                        .filter(license -> license.getLicenseStatus() == LicenseStatus.ACTIVE)
                        .filter(license -> license.getRenewalDate() == null)
                        .filter(license -> !license.getEndDate().isBefore(today)
                                && !license.getEndDate().isAfter(last))
                        .map(license -> "license " + license.getLicenseId() + " ends " + license.getEndDate()
                                + " with no renewal_date")
                        .collect(Collectors.joining("; "));
        return evidence.isEmpty()
                ? Optional.empty()
                : Optional.of(new ChurnRiskReason(
                        "EXPIRING_LICENSE", SETTINGS.weights().expiringLicense(), evidence));
    }

    /** The latest state of each entity by event_time; on a tie the one processed later. */
    private static <V extends SpecificRecord> Map<String, V> latest(
            List<SpecificRecord> accepted, Class<V> type, Function<V, String> id) {
        Map<String, V> latest = new HashMap<>();
        for (SpecificRecord record : accepted) {
            if (type.isInstance(record)) {
                V state = type.cast(record);
                V current = latest.get(id.apply(state));
                if (current == null || !eventTime(state).isBefore(eventTime(current))) {
                    latest.put(id.apply(state), state);
                }
            }
        }
        return latest;
    }

    private static Instant eventTime(SpecificRecord record) {
        return (Instant) record.get(record.getSchema().getField("event_time").pos());
    }
}
