package io.zoommetering.tools.generator;

import io.zoommetering.avro.billing.LicenseStatus;
import io.zoommetering.avro.common.PlanType;
import io.zoommetering.avro.usage.UserStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/** The mutable state of one user (an account): profile, plan, billing cycle and license. */
final class Account {

    final int index;
    final String userId;
    final Population.Organisation organisation;

    String userName;
    String email;
    String company;
    String location;
    ZoneId zone;
    PlanType plan;
    UserStatus status = UserStatus.ACTIVE;
    LocalDate registrationDate;
    /** When the account is created within the generated time, or null when it exists from the start. */
    Instant signupAt;
    /** Whether its profile has been published (activity waits for it). */
    boolean profiled;

    /** Sessions (meetings, feature use, webinars) a day of use at full intensity: the Zipf-like activity. */
    double sessionsPerWeekday;
    /** How regularly it uses the platform: which days are days of use. */
    UsagePattern pattern;

    boolean annual;
    int anchorDay;
    LocalDate cycleStart;
    LocalDate cycleEnd;
    BigDecimal lastCharge;
    boolean cancelled;

    String licenseId;
    String licenseType;
    LocalDate licenseStart;
    LocalDate licenseEnd;
    LicenseStatus licenseStatus;
    int licenseCount;

    Account(int index, String userId, Population.Organisation organisation) {
        this.index = index;
        this.userId = userId;
        this.organisation = organisation;
    }

    /** Whether it can use the platform now: profiled and active. */
    boolean isActive() {
        return profiled && status == UserStatus.ACTIVE;
    }

    /** Whether it has a subscription that renews. */
    boolean isPaying() {
        return PlanCatalog.isPaid(plan) && !cancelled && cycleStart != null;
    }
}
