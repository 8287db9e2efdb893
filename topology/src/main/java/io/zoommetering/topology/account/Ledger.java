package io.zoommetering.topology.account;

import io.zoommetering.avro.common.PeriodType;
import io.zoommetering.avro.internal.MeetingContribution;
import io.zoommetering.topology.money.Fraction;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;

/**
 * What happens to the accounts of one task, as events a ledger subscribes to by overriding their methods: the
 * records themselves, and the facts the account stage derives from them once for every ledger (a meeting's
 * contribution, a user becoming active, metered usage, recurring shares). Ledgers never call each other; a ledger that needs a fact
 * another ledger derives subscribes to it here.
 */
public interface Ledger {

    /** Every envelope of the account: accepted records (current or superseded states) and withdrawn states. */
    default void record(AccountRecord record) {}

    /** A meeting's current contribution to its host's account, added (sign +1) or withdrawn (sign -1). */
    default void meeting(String host, MeetingContribution contribution, int sign) {}

    /** A user became active in a calendar period (true), or lost the last reason to be active in it (false). */
    default void activity(String user, PeriodType type, LocalDate start, boolean active) {}

    /**
     * An account's usage of a meter under a plan in a month changed by delta, and the count of records contributing
     * to it by records (negative when a contribution is withdrawn). {@code at} is the business time the usage is
     * metered at (a meeting's or webinar's start_time, a recording's event_time), which lies in {@code month}.
     */
    default void usage(
            String account, String plan, String meter, Instant at, YearMonth month, Fraction delta, int records) {}

    /**
     * A recurring share (negative for a credit or refund) landed in an account's month within scope, a plan type or
     * ALL (SPEC "Recurring revenue"); the account was paying there before it (net share above zero) and is after it
     * as told.
     */
    default void recurringShare(
            String account, String scope, YearMonth month, Fraction share, boolean wasPaying, boolean isPaying) {}
}
