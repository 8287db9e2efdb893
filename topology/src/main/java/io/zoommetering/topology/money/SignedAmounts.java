package io.zoommetering.topology.money;

import io.zoommetering.avro.billing.BillingEvent;
import io.zoommetering.avro.billing.BillingEventType;
import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** The amount a billing event counts with, in the reporting currency: REFUND and DOWNGRADE subtract (SPEC 3). */
public final class SignedAmounts {

    private static final Set<BillingEventType> SUBTRACTING =
            EnumSet.of(BillingEventType.REFUND, BillingEventType.DOWNGRADE);

    private SignedAmounts() {}

    /** @param currencyRates rates to the reporting currency; intake accepts only currencies that have one */
    public static Fraction of(BillingEvent event, Map<String, BigDecimal> currencyRates) {
        Fraction amount = Fraction.of(event.getAmount()).times(Fraction.of(currencyRates.get(event.getCurrency())));
        return SUBTRACTING.contains(event.getEventType()) ? amount.negate() : amount;
    }
}
