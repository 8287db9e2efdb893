package io.zoommetering.topology.reference;

import java.math.BigDecimal;
import java.util.Map;

/** Converts amounts to the reporting currency, exactly (validation has already rejected currencies without a rate). */
record CurrencyRates(Map<String, BigDecimal> rates) {

    Fraction inReportingCurrency(BigDecimal amount, String currency) {
        BigDecimal rate = rates.get(currency);
        if (rate == null) {
            throw new IllegalStateException("no rate for " + currency + ": validation should have rejected it");
        }
        return Fraction.of(amount.multiply(rate));
    }
}
