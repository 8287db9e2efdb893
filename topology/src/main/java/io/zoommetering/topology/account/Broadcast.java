package io.zoommetering.topology.account;

import io.zoommetering.avro.common.PeriodType;
import io.zoommetering.avro.internal.MeetingContribution;
import io.zoommetering.topology.money.Fraction;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/** Tells every ledger of a task, in the order they subscribed, each event of the account stage. */
final class Broadcast implements Ledger {

    private final List<Ledger> ledgers = new ArrayList<>();

    void subscribe(Ledger ledger) {
        ledgers.add(ledger);
    }

    @Override
    public void record(AccountRecord record) {
        for (Ledger ledger : ledgers) {
            ledger.record(record);
        }
    }

    @Override
    public void meeting(String host, MeetingContribution contribution, int sign) {
        for (Ledger ledger : ledgers) {
            ledger.meeting(host, contribution, sign);
        }
    }

    @Override
    public void activity(String user, PeriodType type, LocalDate start, boolean active) {
        for (Ledger ledger : ledgers) {
            ledger.activity(user, type, start, active);
        }
    }

    @Override
    public void usage(
            String account, String plan, String meter, Instant at, YearMonth month, Fraction delta, int records) {
        for (Ledger ledger : ledgers) {
            ledger.usage(account, plan, meter, at, month, delta, records);
        }
    }

    @Override
    public void recurringShare(
            String account, String scope, YearMonth month, Fraction share, boolean wasPaying, boolean isPaying) {
        for (Ledger ledger : ledgers) {
            ledger.recurringShare(account, scope, month, share, wasPaying, isPaying);
        }
    }
}
