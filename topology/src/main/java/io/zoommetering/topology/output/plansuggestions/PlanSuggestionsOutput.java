package io.zoommetering.topology.output.plansuggestions;

import io.zoommetering.avro.gold.PlanSuggestion;
import io.zoommetering.avro.gold.PlanSuggestionKey;
import io.zoommetering.topology.account.LedgerSpec;
import io.zoommetering.topology.output.GoldOutput;
import io.zoommetering.topology.topics.OutputTable;
import io.zoommetering.topology.topics.TopicSetting;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.Stores;

/**
 * gold.plan-suggestions, keyed by user_id and activity_month (the third of three complete months): a plan of the
 * live catalog that would have cost the account less over those months (SPEC 4, docs/SEMANTICS.md "Plan
 * suggestions"). A per-account output: everything a suggestion reads (the account's monthly usage, whether it paid,
 * its profile) is the account's own and reaches one task, whose ledger writes the row; a suggestion that no longer
 * holds is deleted.
 */
public final class PlanSuggestionsOutput implements OutputTable<PlanSuggestionKey, PlanSuggestion> {

    public static final PlanSuggestionsOutput INSTANCE = new PlanSuggestionsOutput();
    /** Per month and account: usage per meter, paying, the plan at the month's close and the suggestion written. */
    static final String MONTHS = "plan-suggestions-months";
    /** The last month this task has closed (by its stream time, with the grace period). */
    static final String CLOCK = "plan-suggestions-clock";

    public static final GoldOutput OUTPUT = GoldOutput.of(
            INSTANCE,
            LedgerSpec.of(
                    suppliers -> Set.of(
                            Stores.keyValueStoreBuilder(
                                            suppliers.keyValue(MONTHS), Serdes.String(), new AccountMonthSerde())
                                    .withCachingEnabled(),
                            Stores.keyValueStoreBuilder(suppliers.keyValue(CLOCK), Serdes.String(), Serdes.String())),
                    PlanSuggestionsLedger::new),
            new PlanSuggestionsRows());

    private static final TopicSetting TOPIC = new TopicSetting(
            "plan-suggestions", "gold.plan-suggestions", "of plans that would have cost an account less");

    private PlanSuggestionsOutput() {}

    @Override
    public TopicSetting topic() {
        return TOPIC;
    }

    @Override
    public Class<PlanSuggestionKey> keyType() {
        return PlanSuggestionKey.class;
    }

    @Override
    public Class<PlanSuggestion> valueType() {
        return PlanSuggestion.class;
    }
}
