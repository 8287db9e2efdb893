package io.zoommetering.topology.output.ticketresolution;

import io.zoommetering.avro.common.PeriodType;
import io.zoommetering.avro.gold.TicketResolutionKey;
import io.zoommetering.avro.support.SupportTicket;
import io.zoommetering.avro.support.TicketStatus;
import io.zoommetering.topology.reference.OutputReference;
import io.zoommetering.topology.reference.ReferenceInput;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/**
 * gold.ticket-resolution the slow, obvious way (SPEC 3, "Tickets"): keep each ticket's latest state (greatest
 * event_time; on a tie the one processed later), then, per the state's type and each DAILY, WEEKLY and MONTHLY
 * period, count openings by open_time, resolutions (resolved_time set) by resolved_time and first responses by
 * first_response_time, and average the exact durations over them.
 */
public final class TicketResolutionReference implements OutputReference {

    private static final BigDecimal MS_PER_HOUR = BigDecimal.valueOf(3_600_000L);

    /** The sums of one type and period. */
    private static final class Sums {
        long opened;
        long openedAndDone;
        long resolved;
        long resolutionMs;
        long answered;
        long firstResponseMs;
        long scored;
        long scoreSum;
    }

    @Override
    public String topic() {
        return "gold.ticket-resolution";
    }

    @Override
    public Map<TicketResolutionKey, Map<String, Object>> table(ReferenceInput input) {
        Map<String, SupportTicket> latest = new LinkedHashMap<>();
        for (SpecificRecord record : input.accepted()) {
            if (record instanceof SupportTicket ticket) {
                SupportTicket current = latest.get(ticket.getTicketId());
                if (current == null || !ticket.getEventTime().isBefore(current.getEventTime())) {
                    latest.put(ticket.getTicketId(), ticket);
                }
            }
        }
        ZoneId zone = input.zone();
        Map<TicketResolutionKey, Sums> sums = new LinkedHashMap<>();
        for (SupportTicket ticket : latest.values()) {
            String type = ticket.getTicketType().name();
            Instant open = ticket.getOpenTime();
            boolean done = ticket.getStatus() == TicketStatus.RESOLVED || ticket.getStatus() == TicketStatus.CLOSED;
            for (TicketResolutionKey key : keys(type, open, zone)) {
                Sums s = sums.computeIfAbsent(key, k -> new Sums());
                s.opened++;
                if (done) {
                    s.openedAndDone++;
                }
            }
            Instant resolved = ticket.getResolvedTime();
            if (resolved != null) {
                for (TicketResolutionKey key : keys(type, resolved, zone)) {
                    Sums s = sums.computeIfAbsent(key, k -> new Sums());
                    s.resolved++;
                    s.resolutionMs += Duration.between(open, resolved).toMillis();
                    if (ticket.getCsatScore() != null) {
                        s.scored++;
                        s.scoreSum += ticket.getCsatScore();
                    }
                }
            }
            Instant answered = ticket.getFirstResponseTime();
            if (answered != null) {
                for (TicketResolutionKey key : keys(type, answered, zone)) {
                    Sums s = sums.computeIfAbsent(key, k -> new Sums());
                    s.answered++;
                    s.firstResponseMs += Duration.between(open, answered).toMillis();
                }
            }
        }
        Map<TicketResolutionKey, Map<String, Object>> table = new LinkedHashMap<>();
        sums.forEach((key, s) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("avg_resolution_hours", hours(s.resolutionMs, s.resolved));
            row.put("tickets_opened", s.opened);
            row.put("tickets_resolved", s.resolved);
            row.put("avg_first_response_hours", hours(s.firstResponseMs, s.answered));
            row.put(
                    "resolution_rate",
                    s.opened == 0 ? null : divide(BigDecimal.valueOf(100 * s.openedAndDone), s.opened));
            row.put("avg_csat", s.scored == 0 ? null : divide(BigDecimal.valueOf(s.scoreSum), s.scored));
            table.put(key, row);
        });
        return table;
    }

    private static List<TicketResolutionKey> keys(String type, Instant time, ZoneId zone) {
        LocalDate day = LocalDate.ofInstant(time, zone);
        return List.of(
                new TicketResolutionKey(type, PeriodType.DAILY, day),
                new TicketResolutionKey(
                        type, PeriodType.WEEKLY, day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))),
                new TicketResolutionKey(type, PeriodType.MONTHLY, day.withDayOfMonth(1)));
    }

    private static BigDecimal hours(long totalMs, long count) {
        return count == 0 ? null : divide(BigDecimal.valueOf(totalMs), MS_PER_HOUR.multiply(BigDecimal.valueOf(count)));
    }

    /** The exact quotient, rounded half-even to 2 decimals once. */
    private static BigDecimal divide(BigDecimal total, long count) {
        return divide(total, BigDecimal.valueOf(count));
    }

    private static BigDecimal divide(BigDecimal total, BigDecimal divisor) {
        return total.divide(divisor, 2, RoundingMode.HALF_EVEN);
    }
}
