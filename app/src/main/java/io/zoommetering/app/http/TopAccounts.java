package io.zoommetering.app.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The accounts of this instance with the highest figure of one output (a churn-risk score, a plan suggestion's
 * saving) as one gauge series per account, the top {@value #SHOWN} only, so a dashboard lists them with
 * {@code topk} over instances and Prometheus holds a bounded number of series. Candidates beyond the top are kept up
 * to {@value #KEPT} (those with the lowest figure are forgotten first), so an account falling out of the top is
 * replaced by the next one; an account forgotten that way comes back with its next row.
 */
final class TopAccounts {

    static final int SHOWN = 10;
    static final int KEPT = 1_000;

    /** One account's row as shown: its figure and the tags that describe it (reasons, plans). */
    record Entry(String userId, double figure, Tags tags) {}

    private static final Comparator<Entry> HIGHEST_FIRST =
            Comparator.comparingDouble(Entry::figure).reversed().thenComparing(Entry::userId);

    private final MultiGauge gauge;
    private final Map<String, Entry> byAccount = new HashMap<>();
    private final TreeSet<Entry> ranked = new TreeSet<>(HIGHEST_FIRST);
    private List<Entry> shown = List.of();

    TopAccounts(MeterRegistry registry, String name, String description, String application) {
        this.gauge = MultiGauge.builder(name)
                .description(description)
                .tag("application", application)
                .register(registry);
    }

    /** The account's current figure, or null when it no longer has one (score 0, no suggestion). */
    synchronized void update(String userId, Entry entry) {
        Entry previous = entry == null ? byAccount.remove(userId) : byAccount.put(userId, entry);
        if (previous != null) {
            ranked.remove(previous);
        }
        if (entry != null) {
            ranked.add(entry);
            if (ranked.size() > KEPT) {
                byAccount.remove(ranked.pollLast().userId());
            }
        }
        List<Entry> top = new ArrayList<>(SHOWN);
        for (Entry candidate : ranked) {
            if (top.size() == SHOWN) {
                break;
            }
            top.add(candidate);
        }
        if (!Objects.equals(top, shown)) {
            shown = List.copyOf(top);
            gauge.register(
                    shown.stream()
                            .map(shownEntry -> MultiGauge.Row.of(
                                    shownEntry.tags().and("user_id", shownEntry.userId()), shownEntry.figure()))
                            .toList(),
                    true);
        }
    }
}
