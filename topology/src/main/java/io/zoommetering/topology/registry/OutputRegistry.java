package io.zoommetering.topology.registry;

import io.zoommetering.topology.account.AccountRows;
import io.zoommetering.topology.account.LedgerSpec;
import io.zoommetering.topology.aggregate.AggregateOutputs;
import io.zoommetering.topology.output.GoldOutput;
import io.zoommetering.topology.output.accountusage.AccountUsageOutput;
import io.zoommetering.topology.output.activeusers.ActiveUsersOutput;
import io.zoommetering.topology.output.billingeventtypedim.BillingEventTypeDimOutput;
import io.zoommetering.topology.output.billingfact.BillingFactOutput;
import io.zoommetering.topology.output.churn.ChurnOutput;
import io.zoommetering.topology.output.churnrisk.ChurnRiskOutput;
import io.zoommetering.topology.output.eventtotals.EventTotalsOutput;
import io.zoommetering.topology.output.featureadoption.FeatureAdoptionOutput;
import io.zoommetering.topology.output.featuredim.FeatureDimOutput;
import io.zoommetering.topology.output.featureusagefact.FeatureUsageFactOutput;
import io.zoommetering.topology.output.forecast.ForecastOutput;
import io.zoommetering.topology.output.licensetypedim.LicenseTypeDimOutput;
import io.zoommetering.topology.output.licenseutilization.LicenseUtilizationOutput;
import io.zoommetering.topology.output.licenseutilizationfact.LicenseUtilizationFactOutput;
import io.zoommetering.topology.output.meetingdim.MeetingDimOutput;
import io.zoommetering.topology.output.meetingminutes.MeetingMinutesOutput;
import io.zoommetering.topology.output.meetingusagefact.MeetingUsageFactOutput;
import io.zoommetering.topology.output.mrr.MrrOutput;
import io.zoommetering.topology.output.overage.OverageOutput;
import io.zoommetering.topology.output.overagealerts.OverageAlertsOutput;
import io.zoommetering.topology.output.plansuggestions.PlanSuggestionsOutput;
import io.zoommetering.topology.output.productusageprofile.ProductUsageProfileOutput;
import io.zoommetering.topology.output.revenue.RevenueOutput;
import io.zoommetering.topology.output.signups.SignupsOutput;
import io.zoommetering.topology.output.supportticketfact.SupportTicketFactOutput;
import io.zoommetering.topology.output.ticketresolution.TicketResolutionOutput;
import io.zoommetering.topology.output.tickettypedim.TicketTypeDimOutput;
import io.zoommetering.topology.output.uptime.UptimeOutput;
import io.zoommetering.topology.output.usagebyproduct.UsageByProductOutput;
import io.zoommetering.topology.output.userdim.UserDimOutput;
import io.zoommetering.topology.output.webinardim.WebinarDimOutput;
import io.zoommetering.topology.output.webinarusagefact.WebinarUsageFactOutput;
import io.zoommetering.topology.state.StoreSuppliers;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * The gold outputs of the topology, in one list: adding an output is one line here. Every stage iterates this
 * list; nothing outside an output's own package names its value class. What an output persists (its aggregate
 * key tag, its topic setting, its store names) is checked for uniqueness when the registry is built, that is at
 * start-up, so a new output cannot silently reuse another's.
 */
public final class OutputRegistry {

    /** The outputs, in the order their topics are listed and their ledgers hear each record. */
    public static final List<GoldOutput> OUTPUTS = List.of(
            ActiveUsersOutput.OUTPUT,
            MeetingMinutesOutput.OUTPUT,
            FeatureAdoptionOutput.OUTPUT,
            RevenueOutput.OUTPUT,
            MrrOutput.OUTPUT,
            ChurnOutput.OUTPUT,
            UsageByProductOutput.OUTPUT,
            OverageOutput.OUTPUT,
            OverageAlertsOutput.OUTPUT,
            EventTotalsOutput.OUTPUT,
            ForecastOutput.OUTPUT,
            SignupsOutput.OUTPUT,
            TicketResolutionOutput.OUTPUT,
            FeatureDimOutput.OUTPUT,
            LicenseUtilizationOutput.OUTPUT,
            UptimeOutput.OUTPUT,
            UserDimOutput.OUTPUT,
            MeetingDimOutput.OUTPUT,
            WebinarDimOutput.OUTPUT,
            TicketTypeDimOutput.OUTPUT,
            LicenseTypeDimOutput.OUTPUT,
            BillingEventTypeDimOutput.OUTPUT,
            MeetingUsageFactOutput.OUTPUT,
            FeatureUsageFactOutput.OUTPUT,
            WebinarUsageFactOutput.OUTPUT,
            SupportTicketFactOutput.OUTPUT,
            BillingFactOutput.OUTPUT,
            LicenseUtilizationFactOutput.OUTPUT,
            ChurnRiskOutput.OUTPUT,
            AccountUsageOutput.OUTPUT,
            ProductUsageProfileOutput.OUTPUT,
            PlanSuggestionsOutput.OUTPUT);

    private static final OutputRegistry ALL = new OutputRegistry(OUTPUTS);

    private final List<GoldOutput> outputs;
    private final AggregateOutputs aggregates;

    /** @throws IllegalStateException when two outputs share a tag, a name or a store */
    public OutputRegistry(List<GoldOutput> outputs) {
        this.outputs = List.copyOf(outputs);
        this.aggregates = new AggregateOutputs(outputs.stream()
                .map(GoldOutput::aggregate)
                .flatMap(Optional::stream)
                .toList());
        Map<String, GoldOutput> names = new HashMap<>();
        for (GoldOutput output : outputs) {
            if (names.put(output.name(), output) != null) {
                throw new IllegalStateException("two outputs are named " + output.name());
            }
        }
        Map<String, String> storeOwners = new HashMap<>();
        StoreSuppliers probe = new StoreSuppliers(StoreSuppliers.Kind.IN_MEMORY);
        for (GoldOutput output : outputs) {
            for (StoreBuilder<?> store :
                    output.ledger().map(ledger -> ledger.stores(probe)).orElse(Set.of())) {
                String owner = storeOwners.put(store.name(), output.name());
                if (owner != null) {
                    throw new IllegalStateException(
                            "outputs " + owner + " and " + output.name() + " both declare the store " + store.name());
                }
            }
            output.accountRows().ifPresent(rows -> checkAccountRows(output, rows.store(), storeOwners));
        }
    }

    /** Rows read back by account come from the output's own store, and its key names the account. */
    private static void checkAccountRows(GoldOutput output, String store, Map<String, String> storeOwners) {
        if (!output.name().equals(storeOwners.get(store))) {
            throw new IllegalStateException(
                    output.name() + " reads its rows from the store " + store + ", which its ledger does not declare");
        }
        Schema.Field account =
                SpecificData.get().getSchema(output.table().keyType()).getField(AccountRows.ACCOUNT_FIELD);
        if (account == null || account.schema().getType() != Schema.Type.STRING) {
            throw new IllegalStateException(output.name() + " reads its rows by account, but its key has no string "
                    + AccountRows.ACCOUNT_FIELD);
        }
    }

    /** Every registered output. */
    public static OutputRegistry all() {
        return ALL;
    }

    /**
     * The named outputs (zm.outputs) and those their formulas read or whose rows they follow, in registry order; every output when none is
     * named. A read output is computed and written too: its rows are what the reader's figures are built on.
     *
     * @throws IllegalArgumentException for a name no output has
     */
    public static OutputRegistry selected(List<String> names) {
        if (names.isEmpty()) {
            return ALL;
        }
        Map<String, GoldOutput> byName = new HashMap<>();
        OUTPUTS.forEach(output -> byName.put(output.name(), output));
        Set<GoldOutput> chosen = new HashSet<>();
        Deque<GoldOutput> toVisit = new ArrayDeque<>();
        for (String name : names) {
            GoldOutput output = byName.get(name);
            if (output == null) {
                throw new IllegalArgumentException("no output is named " + name + "; the outputs: " + names());
            }
            toVisit.add(output);
        }
        while (!toVisit.isEmpty()) {
            GoldOutput output = toVisit.pop();
            if (chosen.add(output)) {
                output.aggregate()
                        .ifPresent(
                                aggregate -> Stream.concat(aggregate.reads().stream(), aggregate.readsGroup().stream())
                                        .forEach(read -> toVisit.add(
                                                byName.get(read.topic().configName()))));
                output.follower()
                        .ifPresent(follower ->
                                toVisit.add(byName.get(follower.source().topic().configName())));
            }
        }
        return new OutputRegistry(OUTPUTS.stream().filter(chosen::contains).toList());
    }

    /** The names zm.outputs accepts, in registry order. */
    public static List<String> names() {
        return OUTPUTS.stream().map(GoldOutput::name).toList();
    }

    public List<GoldOutput> outputs() {
        return outputs;
    }

    public AggregateOutputs aggregates() {
        return aggregates;
    }

    public List<LedgerSpec> ledgers() {
        return outputs.stream()
                .map(GoldOutput::ledger)
                .flatMap(Optional::stream)
                .toList();
    }
}
