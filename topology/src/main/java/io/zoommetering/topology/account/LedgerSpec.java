package io.zoommetering.topology.account;

import io.zoommetering.topology.state.StoreSuppliers;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * An output's part of the account stage: the stores it owns (their names are persisted as changelog topics, so the
 * registry refuses a name used twice) and how its ledger is created for each task.
 */
public interface LedgerSpec {

    Set<StoreBuilder<?>> stores(StoreSuppliers suppliers);

    Ledger create(LedgerContext context);

    static LedgerSpec of(
            Function<StoreSuppliers, Set<StoreBuilder<?>>> stores, Function<LedgerContext, Ledger> ledger) {
        return new LedgerSpec() {
            @Override
            public Set<StoreBuilder<?>> stores(StoreSuppliers suppliers) {
                return stores.apply(suppliers);
            }

            @Override
            public Ledger create(LedgerContext context) {
                return ledger.apply(context);
            }
        };
    }

    /** A ledger that needs no store of its own. */
    static LedgerSpec stateless(Function<LedgerContext, Ledger> ledger) {
        return of(suppliers -> Set.of(), ledger);
    }
}
