package io.zoommetering.topology.output.churnrisk;

import io.zoommetering.avro.gold.ChurnRiskReason;
import io.zoommetering.topology.state.CompactSerde;
import java.util.ArrayList;
import java.util.List;
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
    /**
     * The row last written, its score and reasons as {@link #written(int, List)} makes them, null before the first;
     * and its load day.
     */
    String written;

    int loadDay = NONE;

    /**
     * A row's score and reasons as one text, compared with the one written to tell a change: the score's line,
     * then a line per reason, "SIGNAL weight evidence". Backslashes and line breaks in the evidence (which quotes
     * ids) are escaped, so {@link #writtenReasons} reads back exactly the reasons written.
     */
    static String written(int score, List<ChurnRiskReason> reasons) {
        StringBuilder text = new StringBuilder().append(score);
        for (ChurnRiskReason reason : reasons) {
            text.append('\n')
                    .append(reason.getSignal())
                    .append(' ')
                    .append(reason.getWeight())
                    .append(' ');
            String evidence = reason.getEvidence();
            for (int i = 0; i < evidence.length(); i++) {
                char c = evidence.charAt(i);
                if (c == '\\') {
                    text.append("\\\\");
                } else if (c == '\n') {
                    text.append("\\n");
                } else {
                    text.append(c);
                }
            }
        }
        return text.toString();
    }

    /** The score of the row written; the account has one (written is not null). */
    int writtenScore() {
        int end = written.indexOf('\n');
        return Integer.parseInt(end < 0 ? written : written.substring(0, end));
    }

    /** The reasons of the row written, as {@link #written(int, List)} was given them. */
    List<ChurnRiskReason> writtenReasons() {
        List<ChurnRiskReason> reasons = new ArrayList<>();
        int line = written.indexOf('\n');
        while (line >= 0) {
            int next = written.indexOf('\n', line + 1);
            String text = written.substring(line + 1, next < 0 ? written.length() : next);
            int signalEnd = text.indexOf(' ');
            int weightEnd = text.indexOf(' ', signalEnd + 1);
            StringBuilder evidence = new StringBuilder();
            for (int i = weightEnd + 1; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\\' && i + 1 < text.length()) {
                    evidence.append(text.charAt(++i) == 'n' ? '\n' : '\\');
                } else {
                    evidence.append(c);
                }
            }
            reasons.add(new ChurnRiskReason(
                    text.substring(0, signalEnd),
                    Integer.parseInt(text.substring(signalEnd + 1, weightEnd)),
                    evidence.toString()));
            line = next;
        }
        return reasons;
    }

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
