package io.zoommetering.tools.generator;

import io.zoommetering.avro.common.PlanType;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The products the generator sells: monthly prices, what a month includes, the price of each unit over, and the
 * overage (summed over a product's accounts in a month) that raises an alert. Included quantities are set so that
 * the most active accounts of a product run over them in a month, and thresholds so that a few such accounts
 * reach them.
 */
final class PlanCatalog {

    static final String MEETING_MINUTES = "meeting_minutes";
    static final String WEBINAR_REGISTRANTS = "webinar_registrants";
    static final String RECORDING_MINUTES = "recording_minutes";

    /** The plans in the order the catalog is published. */
    static final List<PlanType> PLANS = List.of(
            PlanType.FREE, PlanType.BASIC, PlanType.PRO, PlanType.BUSINESS, PlanType.ENTERPRISE, PlanType.EDUCATION);

    /** One product. Quantities and thresholds are per meter, in the meter's units. */
    record Product(
            PlanType plan,
            BigDecimal monthlyPrice,
            Map<String, Long> included,
            Map<String, BigDecimal> unitPrices,
            Map<String, Long> thresholds) {}

    private static final Map<PlanType, Product> PRODUCTS = new LinkedHashMap<>();

    static {
        // plan, price a month, included: minutes, registrants, recording minutes; unit prices; alert thresholds
        add(PlanType.FREE, "0.00", 1_000, 0, 0, "0.00", "0.00", "0.00", 4_000, 200, 300);
        add(PlanType.BASIC, "6.99", 2_000, 0, 120, "0.02", "0.50", "0.03", 1_500, 100, 300);
        add(PlanType.PRO, "14.99", 3_000, 100, 300, "0.02", "0.40", "0.02", 1_000, 200, 400);
        add(PlanType.BUSINESS, "21.99", 4_000, 500, 600, "0.01", "0.30", "0.02", 1_500, 300, 500);
        add(PlanType.ENTERPRISE, "32.99", 6_000, 1_000, 2_000, "0.01", "0.25", "0.01", 2_000, 500, 1_000);
        add(PlanType.EDUCATION, "5.99", 5_000, 300, 1_000, "0.01", "0.20", "0.01", 2_000, 300, 800);
    }

    private PlanCatalog() {}

    static Product product(PlanType plan) {
        return PRODUCTS.get(plan);
    }

    static BigDecimal monthlyPrice(PlanType plan) {
        return PRODUCTS.get(plan).monthlyPrice();
    }

    static boolean isPaid(PlanType plan) {
        return plan != PlanType.FREE;
    }

    /** Whether accounts of the plan can host webinars. */
    static boolean hostsWebinars(PlanType plan) {
        return plan == PlanType.PRO
                || plan == PlanType.BUSINESS
                || plan == PlanType.ENTERPRISE
                || plan == PlanType.EDUCATION;
    }

    /** The next plan up, for upgrades (EDUCATION and ENTERPRISE stay). */
    static PlanType upgradeOf(PlanType plan) {
        return switch (plan) {
            case FREE -> PlanType.PRO;
            case BASIC -> PlanType.PRO;
            case PRO -> PlanType.BUSINESS;
            case BUSINESS -> PlanType.ENTERPRISE;
            default -> plan;
        };
    }

    /** The next plan down, for downgrades (FREE and EDUCATION stay). */
    static PlanType downgradeOf(PlanType plan) {
        return switch (plan) {
            case ENTERPRISE -> PlanType.BUSINESS;
            case BUSINESS -> PlanType.PRO;
            case PRO -> PlanType.BASIC;
            default -> plan;
        };
    }

    private static void add(
            PlanType plan,
            String price,
            long minutes,
            long registrants,
            long recording,
            String minutePrice,
            String registrantPrice,
            String recordingPrice,
            long minuteThreshold,
            long registrantThreshold,
            long recordingThreshold) {
        Map<String, Long> included = new LinkedHashMap<>();
        included.put(MEETING_MINUTES, minutes);
        included.put(WEBINAR_REGISTRANTS, registrants);
        included.put(RECORDING_MINUTES, recording);
        Map<String, BigDecimal> prices = new LinkedHashMap<>();
        prices.put(MEETING_MINUTES, new BigDecimal(minutePrice));
        prices.put(WEBINAR_REGISTRANTS, new BigDecimal(registrantPrice));
        prices.put(RECORDING_MINUTES, new BigDecimal(recordingPrice));
        Map<String, Long> thresholds = new LinkedHashMap<>();
        thresholds.put(MEETING_MINUTES, minuteThreshold);
        thresholds.put(WEBINAR_REGISTRANTS, registrantThreshold);
        thresholds.put(RECORDING_MINUTES, recordingThreshold);
        // Insertion-ordered maps: the same seed writes the same bytes (Map.copyOf's order varies by JVM run).
        PRODUCTS.put(
                plan,
                new Product(
                        plan,
                        new BigDecimal(price),
                        Collections.unmodifiableMap(included),
                        Collections.unmodifiableMap(prices),
                        Collections.unmodifiableMap(thresholds)));
    }
}
