package io.zoommetering.topology.output.churnrisk;

import io.zoommetering.avro.billing.BillingEvent;
import io.zoommetering.avro.billing.BillingEventType;
import io.zoommetering.avro.billing.License;
import io.zoommetering.avro.billing.LicenseStatus;
import io.zoommetering.avro.common.PeriodType;
import io.zoommetering.avro.gold.ChurnRisk;
import io.zoommetering.avro.gold.ChurnRiskKey;
import io.zoommetering.avro.gold.ChurnRiskReason;
import io.zoommetering.avro.internal.EnvelopeKind;
import io.zoommetering.avro.internal.MeetingContribution;
import io.zoommetering.avro.support.SupportTicket;
import io.zoommetering.avro.support.TicketPriority;
import io.zoommetering.avro.support.TicketStatus;
import io.zoommetering.avro.usage.User;
import io.zoommetering.topology.account.AccountRecord;
import io.zoommetering.topology.account.Ledger;
import io.zoommetering.topology.account.LedgerContext;
import io.zoommetering.topology.account.StoreKeys;
import io.zoommetering.topology.aggregate.Lineage;
import io.zoommetering.topology.time.Periods;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps what the churn-risk signals read per account and rewrites the account's row when it changes
 * (docs/SEMANTICS.md, "Churn risk"). Two things re-evaluate an account:
 *
 * <ul>
 *   <li>a record of its own that changes what it keeps (a first activity of a day, hosted minutes, a profile, a
 *       refund or downgrade, a ticket or license state); a record that changes nothing (the tenth attendance of the
 *       day) costs no store access beyond the shared facts' own;
 *   <li>the daily sweep, a stream-time punctuation: each account is indexed under the next day on which a window
 *       moves over something it keeps ({@link ChurnSignals#nextChange}), and the first punctuation of a day reads
 *       the index up to that day only. An account with nothing in its windows (already inactive, no credits, no
 *       licenses ending) is not indexed and costs nothing until a record of its own arrives.
 * </ul>
 */
final class ChurnRiskLedger implements Ledger {

    /**
     * How often the task's stream time is checked for a new day. Stream-time punctuation is aligned to the epoch,
     * and every zone's midnight is a multiple of 15 minutes from it, so the sweep runs right after the first record
     * of each reporting day.
     */
    static final Duration SWEEP_CHECK = Duration.ofMinutes(15);

    private static final byte[] INDEXED = new byte[0];

    private final LedgerContext context;
    private final Periods periods;
    private final ChurnRiskSettings settings;
    private final ChurnSignals signals;
    private final KeyValueStore<String, ChurnAccount> accounts;
    private final KeyValueStore<String, byte[]> due;
    /** The accounts the record at hand changed, re-evaluated once when the ledger hears the record itself. */
    private final Map<String, ChurnAccount> changed = new LinkedHashMap<>();

    private int sweptDay = ChurnAccount.NONE;

    ChurnRiskLedger(LedgerContext context) {
        this.context = context;
        this.periods = context.periods();
        this.settings = context.settings(ChurnRiskSettings.class).orElse(ChurnRiskSettings.DEFAULTS);
        this.signals = new ChurnSignals(settings);
        this.accounts = context.store(ChurnRiskOutput.ACCOUNTS);
        this.due = context.store(ChurnRiskOutput.DUE);
        context.everyStreamTime(SWEEP_CHECK, this::sweep);
    }

    /** Minutes of a hosted meeting whose current state is ENDED, by the day it started. */
    @Override
    public void meeting(String host, MeetingContribution contribution, int sign) {
        Long minutes = contribution.getDurationMinutes();
        int day = day(contribution.getStartTime());
        if (minutes == null || day < today() - settings.usageDays() + 1) {
            return;
        }
        ChurnAccount account = changing(host);
        long total = account.minutes.getOrDefault(day, 0L) + sign * minutes;
        if (total == 0) {
            account.minutes.remove(day);
        } else {
            account.minutes.put(day, total);
        }
    }

    @Override
    public void activity(String user, PeriodType type, LocalDate start, boolean active) {
        if (type != PeriodType.DAILY) {
            return;
        }
        int day = (int) start.toEpochDay();
        ChurnAccount account = changing(user);
        if (day >= today() - settings.inactiveDays() + 1) {
            if (active) {
                account.activeDays.add(day);
            } else {
                account.activeDays.remove(day);
            }
        } else if (active) {
            account.lastDroppedActiveDay = Math.max(account.lastDroppedActiveDay, day);
        }
    }

    @Override
    public void record(AccountRecord record) {
        Object payload = record.payload();
        if (payload instanceof User user) {
            profile(user);
        } else if (payload instanceof BillingEvent billing) {
            credit(billing);
        } else if (payload instanceof SupportTicket ticket) {
            ticket(ticket, record.kind());
        } else if (payload instanceof License license) {
            license(license, record.kind());
        }
        if (!changed.isEmpty()) {
            int today = today();
            changed.forEach((id, account) -> evaluate(id, account, today));
            changed.clear();
        }
    }

    private void profile(User user) {
        int day = day(user.getEventTime());
        ChurnAccount account = load(user.getUserId());
        if (account.profileDay == ChurnAccount.NONE || day < account.profileDay) {
            account.profileDay = day;
            changed.put(user.getUserId(), account);
        }
    }

    private void credit(BillingEvent billing) {
        BillingEventType type = billing.getEventType();
        int day = day(billing.getEventTime());
        if ((type != BillingEventType.REFUND && type != BillingEventType.DOWNGRADE)
                || day < today() - settings.creditDays() + 1) {
            return;
        }
        String text = type + " " + billing.getAmount().toPlainString() + " " + billing.getCurrency() + " on "
                + LocalDate.ofEpochDay(day);
        changing(billing.getUserId()).credits.put(billing.getEventId(), new ChurnAccount.Credit(day, text));
    }

    /** A ticket counts while its latest state is CRITICAL and open; a withdrawn one moved to another account. */
    private void ticket(SupportTicket ticket, EnvelopeKind kind) {
        if (kind == EnvelopeKind.SUPERSEDED) {
            return;
        }
        TicketStatus status = ticket.getStatus();
        boolean counts = kind == EnvelopeKind.CURRENT
                && ticket.getPriority() == TicketPriority.CRITICAL
                && status != TicketStatus.RESOLVED
                && status != TicketStatus.CLOSED;
        ChurnAccount account = load(ticket.getUserId());
        String text = status + " since " + periods.date(ticket.getOpenTime());
        String held = account.criticalTickets.get(ticket.getTicketId());
        if (counts && !text.equals(held)) {
            account.criticalTickets.put(ticket.getTicketId(), text);
            changed.put(ticket.getUserId(), account);
        } else if (!counts && held != null) {
            account.criticalTickets.remove(ticket.getTicketId());
            changed.put(ticket.getUserId(), account);
        }
    }

    /** An ACTIVE license of the account without renewal_date, until it ends; a withdrawn one was reassigned. */
    private void license(License license, EnvelopeKind kind) {
        String holder = license.getAssignedUserId();
        if (kind == EnvelopeKind.SUPERSEDED || holder == null || holder.isBlank()) {
            return;
        }
        int end = (int) license.getEndDate().toEpochDay();
        boolean counts = kind == EnvelopeKind.CURRENT
                && license.getLicenseStatus() == LicenseStatus.ACTIVE
                && license.getRenewalDate() == null
                && end >= today();
        ChurnAccount account = load(holder);
        Integer held = account.licenses.get(license.getLicenseId());
        if (counts && (held == null || held != end)) {
            account.licenses.put(license.getLicenseId(), end);
            changed.put(holder, account);
        } else if (!counts && held != null) {
            account.licenses.remove(license.getLicenseId());
            changed.put(holder, account);
        }
    }

    /** The first punctuation of a new day re-evaluates the accounts indexed up to that day. */
    private void sweep() {
        int today = today();
        if (today == sweptDay) {
            return;
        }
        sweptDay = today;
        List<String> keys = new ArrayList<>();
        // Keys are "day|account" with the day zero-padded, so the keys of the days up to today sort before the bound.
        try (KeyValueIterator<String, byte[]> entries = due.range(null, bound(today))) {
            entries.forEachRemaining(entry -> keys.add(entry.key));
        }
        for (String key : keys) {
            due.delete(key);
            String id = key.substring(key.indexOf('|') + 1);
            ChurnAccount account = accounts.get(id);
            if (account != null) {
                account.dueDay = ChurnAccount.NONE;
                evaluate(id, account, today);
            }
        }
    }

    private void evaluate(String id, ChurnAccount account, int today) {
        account.prune(today, settings);
        if (account.profileDay != ChurnAccount.NONE) {
            write(id, account);
        }
        int next = account.profileDay == ChurnAccount.NONE ? ChurnAccount.NONE : signals.nextChange(account, today);
        if (next != account.dueDay) {
            if (account.dueDay != ChurnAccount.NONE) {
                due.delete(indexKey(account.dueDay, id));
            }
            if (next != ChurnAccount.NONE) {
                due.put(indexKey(next, id), INDEXED);
            }
            account.dueDay = next;
        }
        accounts.put(id, account);
    }

    /** Writes the account's row if it differs from the one written. */
    private void write(String id, ChurnAccount account) {
        List<ChurnRiskReason> reasons = signals.reasons(account, today());
        int score = ChurnSignals.score(reasons);
        String text = ChurnAccount.written(score, reasons);
        if (text.equals(account.written)) {
            return;
        }
        Lineage lineage = context.lineageNow();
        if (account.loadDay == ChurnAccount.NONE) {
            account.loadDay = (int) lineage.loadDate().toEpochDay();
        }
        account.written = text;
        context.write(
                ChurnRiskOutput.INSTANCE,
                new ChurnRiskKey(id),
                row(score, reasons, account.loadDay, lineage, settings));
    }

    /** The row of a score and its reasons, first written on loadDay. */
    static ChurnRisk row(
            int score, List<ChurnRiskReason> reasons, int loadDay, Lineage lineage, ChurnRiskSettings settings) {
        return ChurnRisk.newBuilder()
                .setScore(score)
                .setAlert(score >= settings.alertScore())
                .setReasons(reasons)
                .setLoadDate(LocalDate.ofEpochDay(loadDay))
                .setUpdateDate(lineage.updateDate())
                .setSourceSystem(lineage.sourceSystem())
                .build();
    }

    private ChurnAccount changing(String id) {
        ChurnAccount account = load(id);
        changed.put(id, account);
        return account;
    }

    private ChurnAccount load(String id) {
        ChurnAccount account = changed.get(id);
        if (account == null) {
            account = accounts.get(id);
        }
        return account != null ? account : new ChurnAccount();
    }

    private int today() {
        return day(context.streamTime());
    }

    private int day(Instant time) {
        return (int) periods.date(time).toEpochDay();
    }

    private static String indexKey(int day, String account) {
        return StoreKeys.fixedWidth(day, 10) + "|" + account;
    }

    /** A key after every index key of days up to day: the next day's prefix with no separator. */
    private static String bound(int day) {
        return StoreKeys.fixedWidth(day + 1L, 10);
    }
}
