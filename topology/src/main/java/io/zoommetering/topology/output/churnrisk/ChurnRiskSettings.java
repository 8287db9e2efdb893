package io.zoommetering.topology.output.churnrisk;

import java.math.BigDecimal;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * The windows, threshold and weights of gold.churn-risk (SPEC 4, docs/SEMANTICS.md "Churn risk"). Windows are whole
 * days of the reporting zone, counted back from (or, for licenses, forward from) the day of the account stage's
 * stream time, that day included.
 *
 * @param recentDays      the recent usage window (7)
 * @param baselineWeeks   weeks before the recent window whose weekly average recent usage is compared with (4)
 * @param usageRatio      falling usage: recent usage below this share of the weekly average (0.5)
 * @param inactiveDays    inactive: no activity for this many days (14)
 * @param creditDays      a REFUND or DOWNGRADE within this many days (30)
 * @param licenseDays     a license without renewal_date ending within this many days (30)
 * @param alertScore      the score from which a row is an alert (50)
 */
public record ChurnRiskSettings(
        int recentDays,
        int baselineWeeks,
        BigDecimal usageRatio,
        int inactiveDays,
        int creditDays,
        int licenseDays,
        Weights weights,
        int alertScore) {

    /** Points each signal adds to the score; the score is their sum, at most 100. */
    public record Weights(
            int fallingUsage, int inactive, int refundOrDowngrade, int criticalTicket, int expiringLicense) {}

    public static final String PREFIX = "zm.churn-risk.";
    public static final String RECENT_DAYS = PREFIX + "usage.recent.days";
    public static final String BASELINE_WEEKS = PREFIX + "usage.baseline.weeks";
    public static final String USAGE_RATIO = PREFIX + "usage.ratio";
    public static final String INACTIVE_DAYS = PREFIX + "inactive.days";
    public static final String CREDIT_DAYS = PREFIX + "credit.days";
    public static final String LICENSE_DAYS = PREFIX + "license.days";
    public static final String WEIGHT_FALLING_USAGE = PREFIX + "weight.falling-usage";
    public static final String WEIGHT_INACTIVE = PREFIX + "weight.inactive";
    public static final String WEIGHT_REFUND_OR_DOWNGRADE = PREFIX + "weight.refund-or-downgrade";
    public static final String WEIGHT_CRITICAL_TICKET = PREFIX + "weight.critical-ticket";
    public static final String WEIGHT_EXPIRING_LICENSE = PREFIX + "weight.expiring-license";
    public static final String ALERT_SCORE = PREFIX + "alert.score";

    /** The documented defaults. */
    public static final ChurnRiskSettings DEFAULTS =
            new ChurnRiskSettings(7, 4, new BigDecimal("0.5"), 14, 30, 30, new Weights(30, 40, 25, 25, 20), 50);

    /** Adds the settings, with their defaults and checks, to a definition. */
    public static ConfigDef define(ConfigDef def) {
        Weights weights = DEFAULTS.weights();
        def.define(
                        RECENT_DAYS,
                        Type.INT,
                        DEFAULTS.recentDays(),
                        Range.atLeast(1),
                        Importance.LOW,
                        "Churn risk: days of recent usage (today included) compared with the weekly average before.")
                .define(
                        BASELINE_WEEKS,
                        Type.INT,
                        DEFAULTS.baselineWeeks(),
                        Range.atLeast(1),
                        Importance.LOW,
                        "Churn risk: weeks before the recent days whose weekly average usage is the baseline.")
                .define(
                        USAGE_RATIO,
                        Type.STRING,
                        DEFAULTS.usageRatio().toPlainString(),
                        ChurnRiskSettings::validateRatio,
                        Importance.LOW,
                        "Churn risk: falling usage is recent usage below this share of the baseline weekly average.")
                .define(
                        INACTIVE_DAYS,
                        Type.INT,
                        DEFAULTS.inactiveDays(),
                        Range.atLeast(1),
                        Importance.LOW,
                        "Churn risk: days without activity (hosting, attending, using a feature) that make an account inactive.")
                .define(
                        CREDIT_DAYS,
                        Type.INT,
                        DEFAULTS.creditDays(),
                        Range.atLeast(1),
                        Importance.LOW,
                        "Churn risk: days (today included) in which a REFUND or DOWNGRADE is a signal.")
                .define(
                        LICENSE_DAYS,
                        Type.INT,
                        DEFAULTS.licenseDays(),
                        Range.atLeast(1),
                        Importance.LOW,
                        "Churn risk: days from today in which an ACTIVE license without renewal_date ending is a signal.");
        weight(def, WEIGHT_FALLING_USAGE, weights.fallingUsage(), "falling usage");
        weight(def, WEIGHT_INACTIVE, weights.inactive(), "inactivity");
        weight(def, WEIGHT_REFUND_OR_DOWNGRADE, weights.refundOrDowngrade(), "a refund or downgrade");
        weight(def, WEIGHT_CRITICAL_TICKET, weights.criticalTicket(), "an open critical ticket");
        weight(def, WEIGHT_EXPIRING_LICENSE, weights.expiringLicense(), "an expiring license");
        return def.define(
                ALERT_SCORE,
                Type.INT,
                DEFAULTS.alertScore(),
                Range.between(0, 100),
                Importance.LOW,
                "Churn risk: the score from which a row is an alert (its alert field).");
    }

    /** The settings as a validated configuration holds them. */
    public static ChurnRiskSettings from(AbstractConfig config) {
        return new ChurnRiskSettings(
                config.getInt(RECENT_DAYS),
                config.getInt(BASELINE_WEEKS),
                new BigDecimal(config.getString(USAGE_RATIO)),
                config.getInt(INACTIVE_DAYS),
                config.getInt(CREDIT_DAYS),
                config.getInt(LICENSE_DAYS),
                new Weights(
                        config.getInt(WEIGHT_FALLING_USAGE),
                        config.getInt(WEIGHT_INACTIVE),
                        config.getInt(WEIGHT_REFUND_OR_DOWNGRADE),
                        config.getInt(WEIGHT_CRITICAL_TICKET),
                        config.getInt(WEIGHT_EXPIRING_LICENSE)),
                config.getInt(ALERT_SCORE));
    }

    /** Days of usage kept per account: the recent days and the baseline weeks before them. */
    int usageDays() {
        return recentDays + 7 * baselineWeeks;
    }

    private static ConfigDef weight(ConfigDef def, String name, int value, String signal) {
        return def.define(
                name,
                Type.INT,
                value,
                Range.between(0, 100),
                Importance.LOW,
                "Churn risk: points " + signal + " adds to the score (0-100; the score is capped at 100).");
    }

    private static void validateRatio(String name, Object value) {
        try {
            BigDecimal ratio = new BigDecimal((String) value);
            if (ratio.signum() <= 0) {
                throw new ConfigException(name, value, "must be above 0");
            }
        } catch (NumberFormatException e) {
            throw new ConfigException(name, value, "not a decimal number such as 0.5");
        }
    }
}
