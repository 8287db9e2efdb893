package io.zoommetering.topology.output.churnrisk;

import io.zoommetering.avro.gold.ChurnRisk;
import io.zoommetering.avro.gold.ChurnRiskKey;
import io.zoommetering.topology.account.LedgerSpec;
import io.zoommetering.topology.output.GoldOutput;
import io.zoommetering.topology.topics.OutputTable;
import io.zoommetering.topology.topics.TopicSetting;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.Stores;

/**
 * gold.churn-risk, keyed by user_id: each profiled account's churn-risk score and the signals that hold (SPEC 4). A
 * per-account output: every record of an account reaches one task, whose ledger keeps what the signals' windows
 * read and rewrites the row when the account's records change it and when stream time moves a window over it.
 */
public final class ChurnRiskOutput implements OutputTable<ChurnRiskKey, ChurnRisk> {

    public static final ChurnRiskOutput INSTANCE = new ChurnRiskOutput();
    /** Per account: what the signals read (ChurnAccount). */
    static final String ACCOUNTS = "churn-risk-accounts";
    /** The sweep's index: "day|account" for the next day each account's evaluation could change by time alone. */
    static final String DUE = "churn-risk-due";

    public static final GoldOutput OUTPUT = GoldOutput.of(
            INSTANCE,
            LedgerSpec.of(
                    suppliers -> Set.of(
                            Stores.keyValueStoreBuilder(
                                            suppliers.keyValue(ACCOUNTS), Serdes.String(), new ChurnAccount.Serde())
                                    .withCachingEnabled(),
                            Stores.keyValueStoreBuilder(suppliers.keyValue(DUE), Serdes.String(), Serdes.ByteArray())
                                    .withCachingEnabled()),
                    ChurnRiskLedger::new),
            new ChurnRiskRows());

    private static final TopicSetting TOPIC =
            new TopicSetting("churn-risk", "gold.churn-risk", "of the churn-risk score per account, with its reasons");

    private ChurnRiskOutput() {}

    @Override
    public TopicSetting topic() {
        return TOPIC;
    }

    @Override
    public Class<ChurnRiskKey> keyType() {
        return ChurnRiskKey.class;
    }

    @Override
    public Class<ChurnRisk> valueType() {
        return ChurnRisk.class;
    }
}
