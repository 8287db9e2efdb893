package io.zoommetering.topology.account;

import io.zoommetering.avro.billing.Plan;
import io.zoommetering.topology.time.Periods;
import java.math.BigDecimal;
import java.util.Map;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** What an output's ledger gets from the account stage of its task when it is created. */
public interface LedgerContext {

    /** A store the ledger declared in {@link LedgerSpec#stores}. */
    <S extends StateStore> S store(String name);

    /** Where the ledger adds to the aggregates of its output. */
    PartialAggregates partials();

    /** The plan of an account as of a moment. */
    PlanResolver plans();

    Periods periods();

    /** Rate of each accepted currency to the reporting currency. */
    Map<String, BigDecimal> currencyRates();

    /** The validated plan catalog, as it stands. */
    ReadOnlyKeyValueStore<String, Plan> catalog();
}
