package io.zoommetering.topology.aggregate;

/** Names of the additive measures that account tasks ship to the combiners; each is written in one place. */
public final class Measure {
    /** Distinct active users: each user lives on one account task, so per-task counts add up. */
    public static final String ACTIVE_USERS = "active_users";
    public static final String MEETING_MINUTES = "meeting_minutes";
    public static final String MEETING_COUNT = "meeting_count";
    public static final String REVENUE = "revenue";
    public static final String BILLING_EVENTS = "billing_events";
    public static final String MRR = "mrr";
    public static final String PAYING_ACCOUNTS = "paying_accounts";
    /** Recurring shares landing in the month: a month row exists while it has one. */
    public static final String RECURRING_SHARES = "recurring_shares";
    public static final String USAGE = "usage";
    /** Records contributing usage: a usage row exists while it has one, even at usage 0. */
    public static final String USAGE_RECORDS = "usage_records";
    public static final String OVERAGE = "overage";
    public static final String OVERAGE_ACCOUNTS = "overage_accounts";
    public static final String OVERAGE_REVENUE = "overage_revenue";
    public static final String EVENTS = "events";

    private Measure() {
    }
}
