package io.zoommetering.topology.output.plansuggestions;

import io.zoommetering.avro.billing.Plan;
import io.zoommetering.avro.gold.PlanSuggestion;
import io.zoommetering.avro.gold.PlanSuggestionKey;
import io.zoommetering.topology.account.AccountRecord;
import io.zoommetering.topology.account.Ledger;
import io.zoommetering.topology.account.LedgerContext;
import io.zoommetering.topology.account.PlanResolver;
import io.zoommetering.topology.account.StoreKeys;
import io.zoommetering.topology.aggregate.GoldKeys;
import io.zoommetering.topology.aggregate.Lineage;
import io.zoommetering.topology.money.Fraction;
import io.zoommetering.topology.time.Periods;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Keeps each account's usage and paying state per month, closes months by the task's stream time (the greatest
 * event_time it has processed) once the month plus the grace period has passed, and evaluates the three-month
 * window ending in each month it closes:
 *
 * <ul>
 *   <li>at the close, for every account with usage or a paying change in the window (one range scan of the store
 *       per closed month, never per record); the account's plan is resolved then, as of the month's last instant,
 *       and kept: a profile processed after the close does not move it (as SPEC's plan of a record);
 *   <li>again whenever the account's usage or paying state changes in a month of a closed window (a meeting that
 *       ends now but started months ago, a correction, a refund), against the catalog as it stands then;
 *   <li>a suggestion that stops holding is deleted (a tombstone), one that changes is written again.
 * </ul>
 */
final class PlanSuggestionsLedger implements Ledger {

    private static final String CLOSED = "closed";
    private static final String SEPARATOR = StoreKeys.of("", "");
    private static final int CENTS = 2;

    private final KeyValueStore<String, AccountMonth> months;
    private final KeyValueStore<String, String> clock;
    private final ReadOnlyKeyValueStore<String, Plan> catalog;
    private final PlanResolver plans;
    private final Periods periods;
    private final Duration grace;
    private final SuggestionRules rules;
    private final LedgerContext context;
    /** The last month closed on this task, null before the first close. */
    private YearMonth closed;
    /** Event time (millis) from which the month after {@link #closed} is closed. */
    private long nextCloseAt;

    PlanSuggestionsLedger(LedgerContext context) {
        this.months = context.store(PlanSuggestionsOutput.MONTHS);
        this.clock = context.store(PlanSuggestionsOutput.CLOCK);
        this.catalog = context.catalog();
        this.plans = context.plans();
        this.periods = context.periods();
        this.grace = context.grace();
        this.rules = new SuggestionRules(context.currencyRates());
        this.context = context;
        String stored = clock.get(CLOSED);
        this.closed = stored == null ? null : YearMonth.parse(stored);
        this.nextCloseAt = stored == null ? Long.MIN_VALUE : closeAt(closed.plusMonths(1));
    }

    @Override
    public void record(AccountRecord record) {
        if (record.eventTime().toEpochMilli() >= nextCloseAt) {
            YearMonth closable = periods.month(record.eventTime().minus(grace)).minusMonths(1);
            if (closed == null || closable.isAfter(closed)) {
                close(closable);
            }
        }
    }

    @Override
    public void usage(
            String account, String plan, String meter, Instant at, YearMonth month, Fraction delta, int records) {
        AccountMonth state = stateOf(month, account);
        state.add(meter, delta);
        months.put(key(month, account), state);
        reevaluate(account, month);
    }

    @Override
    public void recurringShare(
            String account, String scope, YearMonth month, Fraction share, boolean wasPaying, boolean isPaying) {
        if (!GoldKeys.ALL_PLANS.equals(scope) || wasPaying == isPaying) {
            return;
        }
        AccountMonth state = stateOf(month, account);
        state.paying = isPaying;
        months.put(key(month, account), state);
        reevaluate(account, month);
    }

    /** A change in a month of closed windows: those windows (ending in it or the two months after) again. */
    private void reevaluate(String account, YearMonth month) {
        for (int i = 0; i < 3 && closed != null && !month.plusMonths(i).isAfter(closed); i++) {
            evaluate(account, month.plusMonths(i));
        }
    }

    /** Closes every month after the last closed one up to {@code last}, evaluating the windows ending in them. */
    private void close(YearMonth last) {
        YearMonth first = closed == null ? null : closed.plusMonths(1);
        Map<YearMonth, Set<String>> candidates = new TreeMap<>();
        try (KeyValueIterator<String, AccountMonth> entries = first == null
                ? months.all()
                : months.range(key(first.minusMonths(2), ""), key(last.plusMonths(1), ""))) {
            while (entries.hasNext()) {
                KeyValue<String, AccountMonth> entry = entries.next();
                YearMonth month = monthOf(entry.key);
                String account = accountOf(entry.key);
                for (int i = 0; i < 3; i++) {
                    YearMonth end = month.plusMonths(i);
                    if (!end.isAfter(last) && (first == null || !end.isBefore(first))) {
                        candidates.computeIfAbsent(end, m -> new TreeSet<>()).add(account);
                    }
                }
            }
        }
        closed = last;
        nextCloseAt = closeAt(last.plusMonths(1));
        clock.put(CLOSED, last.toString());
        candidates.forEach((end, accounts) -> accounts.forEach(account -> evaluate(account, end)));
    }

    /** The window of three months ending in {@code end}: its suggestion, written when it changes. */
    private void evaluate(String account, YearMonth end) {
        AccountMonth last = stateOf(end, account);
        if (last.planAtClose == null) {
            last.planAtClose = plans.planOf(account, periods.monthEnd(end).minusMillis(1));
        }
        Plan current = GoldKeys.UNKNOWN_PLAN.equals(last.planAtClose) ? null : catalog.get(last.planAtClose);
        Optional<AccountMonth.Suggestion> suggestion = Optional.empty();
        if (current != null) {
            List<AccountMonth> window =
                    List.of(stateOf(end.minusMonths(2), account), stateOf(end.minusMonths(1), account), last);
            suggestion = rules.suggest(current, catalogEntries(), window);
        }
        PlanSuggestionKey key = new PlanSuggestionKey(account, end.toString());
        if (suggestion.isEmpty()) {
            if (last.written != null) {
                context.write(PlanSuggestionsOutput.INSTANCE, key, null);
                last.written = null;
            }
        } else if (!suggestion.get().sameAs(last.written)) {
            Lineage lineage = context.lineageNow();
            long loadDay = last.written == null ? lineage.loadDate().toEpochDay() : last.written.loadDay();
            AccountMonth.Suggestion made = suggestion.get();
            last.written = new AccountMonth.Suggestion(
                    made.rule(),
                    made.currentPlan(),
                    made.suggestedPlan(),
                    made.currentCost(),
                    made.suggestedCost(),
                    loadDay);
            context.write(PlanSuggestionsOutput.INSTANCE, key, row(made, loadDay, lineage));
        }
        months.put(key(end, account), last);
    }

    /** The row of a suggestion as written (the written one keeps its load day). */
    static PlanSuggestion row(AccountMonth.Suggestion suggestion, long loadDay, Lineage lineage) {
        return new PlanSuggestion(
                suggestion.rule().name(),
                suggestion.currentPlan(),
                suggestion.suggestedPlan(),
                suggestion.currentCost().rounded(CENTS),
                suggestion.suggestedCost().rounded(CENTS),
                suggestion.currentCost().minus(suggestion.suggestedCost()).rounded(CENTS),
                LocalDate.ofEpochDay(loadDay),
                lineage.updateDate(),
                lineage.sourceSystem());
    }

    /** The catalog as it stands: a handful of products, read only when a window is evaluated. */
    private List<Plan> catalogEntries() {
        List<Plan> entries = new ArrayList<>();
        try (KeyValueIterator<String, Plan> all = catalog.all()) {
            all.forEachRemaining(entry -> entries.add(entry.value));
        }
        return entries;
    }

    private AccountMonth stateOf(YearMonth month, String account) {
        AccountMonth state = months.get(key(month, account));
        return state == null ? AccountMonth.empty() : state;
    }

    private long closeAt(YearMonth month) {
        return periods.monthEnd(month).plus(grace).toEpochMilli();
    }

    /** Month first, so that the accounts of consecutive months are one range of the store. */
    static String key(YearMonth month, String account) {
        return StoreKeys.of(month.toString(), account);
    }

    static YearMonth monthOf(String key) {
        return YearMonth.parse(key.substring(0, key.indexOf(SEPARATOR)));
    }

    static String accountOf(String key) {
        return key.substring(key.indexOf(SEPARATOR) + SEPARATOR.length());
    }
}
