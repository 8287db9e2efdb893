package io.zoommetering.topology.output.churnrisk;

import io.zoommetering.topology.state.CompactSerde;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What churn risk keeps of one account: only what its windows can still read, by epoch day of the reporting zone,
 * so the state is bounded by the windows' days and the account's open tickets and licenses, never by its events.
 * Days older than the windows are dropped as stream time passes them (a record counts in no window before it).
 */
final class ChurnAccount {

    static final int NONE = Integer.MIN_VALUE;

    /** A REFUND or DOWNGRADE: its day and what the evidence names (type, amount as written, currency). */
    record Credit(int day, String text) {}

    /** Day of the earliest accepted profile, NONE without one: only profiled accounts are scored. */
    int profileDay = NONE;
    /** Minutes of hosted meetings (latest ENDED state) by the day of start_time. */
    final TreeMap<Integer, Long> minutes = new TreeMap<>();
    /** Days the account was active (SPEC's active user) within the inactivity window, and any later ones. */
    final TreeSet<Integer> activeDays = new TreeSet<>();
    /** The latest active day dropped from {@link #activeDays} as the window passed it, NONE if none. */
    int lastDroppedActiveDay = NONE;
    /** REFUND and DOWNGRADE events of the credit window, by event_id. */
    final TreeMap<String, Credit> credits = new TreeMap<>();
    /** Tickets whose latest state is CRITICAL and not RESOLVED or CLOSED: id to "STATUS since open day". */
    final TreeMap<String, String> criticalTickets = new TreeMap<>();
    /** ACTIVE licenses without renewal_date that have not ended: id to end_date's epoch day. */
    final TreeMap<String, Integer> licenses = new TreeMap<>();
    /** The next day whose evaluation could differ by time alone, NONE if none (the sweep's index). */
    int dueDay = NONE;
    /** The row last written (its score and reasons as text), null before the first; and its load day. */
    String written;

    int loadDay = NONE;

    /** The latest day the account was active up to and including day, NONE if none is known. */
    int lastActiveDay(int day) {
        Integer kept = activeDays.floor(day);
        return kept != null ? kept : lastDroppedActiveDay;
    }

    /** Drops what no window of today or later reads. */
    void prune(int today, ChurnRiskSettings settings) {
        minutes.headMap(today - settings.usageDays() + 1).clear();
        Integer oldestKept = today - settings.inactiveDays() + 1;
        for (Integer day = activeDays.lower(oldestKept); day != null; day = activeDays.lower(oldestKept)) {
            lastDroppedActiveDay = Math.max(lastDroppedActiveDay, day);
            activeDays.remove(day);
        }
        credits.values().removeIf(credit -> credit.day() < today - settings.creditDays() + 1);
        licenses.values().removeIf(end -> end < today);
    }

    static final class Serde extends CompactSerde<ChurnAccount> {

        @Override
        protected void write(ChurnAccount value, Output out) {
            out.writeInt(value.profileDay);
            out.writeCount(value.minutes.size());
            value.minutes.forEach((day, total) -> {
                out.writeInt(day);
                out.writeLong(total);
            });
            out.writeCount(value.activeDays.size());
            value.activeDays.forEach(out::writeInt);
            out.writeInt(value.lastDroppedActiveDay);
            out.writeCount(value.credits.size());
            value.credits.forEach((id, credit) -> {
                out.writeString(id);
                out.writeInt(credit.day());
                out.writeString(credit.text());
            });
            writeStrings(value.criticalTickets, out);
            out.writeCount(value.licenses.size());
            value.licenses.forEach((id, end) -> {
                out.writeString(id);
                out.writeInt(end);
            });
            out.writeInt(value.dueDay);
            out.writeNullableString(value.written);
            out.writeInt(value.loadDay);
        }

        @Override
        protected ChurnAccount read(Input in) {
            ChurnAccount account = new ChurnAccount();
            account.profileDay = in.readInt();
            for (int i = in.readCount(); i > 0; i--) {
                account.minutes.put(in.readInt(), in.readLong());
            }
            for (int i = in.readCount(); i > 0; i--) {
                account.activeDays.add(in.readInt());
            }
            account.lastDroppedActiveDay = in.readInt();
            for (int i = in.readCount(); i > 0; i--) {
                String id = in.readString();
                account.credits.put(id, new Credit(in.readInt(), in.readString()));
            }
            readStrings(account.criticalTickets, in);
            for (int i = in.readCount(); i > 0; i--) {
                account.licenses.put(in.readString(), in.readInt());
            }
            account.dueDay = in.readInt();
            account.written = in.readNullableString();
            account.loadDay = in.readInt();
            return account;
        }

        private static void writeStrings(Map<String, String> map, Output out) {
            out.writeCount(map.size());
            map.forEach((key, value) -> {
                out.writeString(key);
                out.writeString(value);
            });
        }

        private static void readStrings(Map<String, String> map, Input in) {
            for (int i = in.readCount(); i > 0; i--) {
                map.put(in.readString(), in.readString());
            }
        }
    }
}
