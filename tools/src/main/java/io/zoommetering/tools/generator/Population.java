package io.zoommetering.tools.generator;

import io.zoommetering.avro.common.PlanType;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The users of the platform: people in organisations (enterprises, businesses, small firms, universities) and
 * individuals, each with a plan that fits their organisation, a home time zone, and an activity level that follows
 * a Zipf-like law (a few very active users, a long tail of occasional ones), leaning towards paid plans.
 */
final class Population {

    /** Sessions a day of use (a weekday at full intensity) of the least active users. */
    static final double BASE_SESSIONS_PER_WEEKDAY = 0.6;
    /** Sessions a day of use of the most active users: a person's day has its limits. */
    static final double TOP_SESSIONS_PER_WEEKDAY = 10.0;
    /** Exponent of the rank law of activity. */
    static final double ZIPF_EXPONENT = 0.7;

    enum Kind {
        ENTERPRISE,
        BUSINESS,
        SMALL_FIRM,
        UNIVERSITY,
        INDIVIDUAL
    }

    /** An organisation (or an individual's own) and the users in it. */
    static final class Organisation {
        final String name;
        final String domain;
        final Kind kind;
        final Names.Place place;
        final List<Account> members = new ArrayList<>();

        Organisation(String name, String domain, Kind kind, Names.Place place) {
            this.name = name;
            this.domain = domain;
            this.kind = kind;
            this.place = place;
        }
    }

    private final List<Account> accounts;
    private final double[] cumulativeWeights;

    private Population(List<Account> accounts) {
        this.accounts = List.copyOf(accounts);
        this.cumulativeWeights = new double[accounts.size()];
        double sum = 0;
        for (int i = 0; i < accounts.size(); i++) {
            sum += accounts.get(i).sessionsPerWeekday;
            cumulativeWeights[i] = sum;
        }
    }

    List<Account> accounts() {
        return accounts;
    }

    /** Sum of every account's sessions a day of use. */
    double totalSessionsPerWeekday() {
        return cumulativeWeights.length == 0 ? 0 : cumulativeWeights[cumulativeWeights.length - 1];
    }

    /** An account drawn in proportion to its activity. */
    Account byActivity(Dice dice) {
        double point = dice.nextDouble() * totalSessionsPerWeekday();
        int index = Arrays.binarySearch(cumulativeWeights, point);
        index = index >= 0 ? index + 1 : -index - 1;
        return accounts.get(Math.min(index, accounts.size() - 1));
    }

    /**
     * Creates {@code users} accounts. {@code signupFrom}/{@code signupTo} is the span in which a few of them
     * register (null for none); the others registered before {@code signupFrom} (or {@code start}).
     */
    static Population create(int users, Dice dice, Instant start, Instant signupTo) {
        List<Organisation> organisations = organisations(users, dice);
        List<Account> accounts = new ArrayList<>();
        Set<String> emails = new HashSet<>();
        int index = 0;
        for (Organisation organisation : organisations) {
            int size = organisation.members.size();
            for (int i = 0; i < size; i++) {
                index++;
                Account account = new Account(index, String.format(Locale.ROOT, "u-%05d", index), organisation);
                organisation.members.set(i, account);
                String first = dice.pick(Names.FIRST);
                String last = dice.pick(Names.LAST);
                account.userName = first + " " + last;
                account.email = uniqueEmail(first, last, organisation.domain, emails);
                account.company = organisation.name;
                Names.Place place =
                        organisation.kind == Kind.INDIVIDUAL || dice.chance(0.1) ? placeOf(dice) : organisation.place;
                account.location = place.location();
                account.zone = place.zone();
                account.plan = planOf(organisation.kind, dice);
                accounts.add(account);
            }
        }
        assignActivity(accounts, dice);
        LocalDate startDate = LocalDate.ofInstant(start, ZoneOffset.UTC);
        long signupSpan =
                signupTo == null ? 0 : Duration.between(start, signupTo).toMillis();
        for (Account account : accounts) {
            if (signupSpan > 60_000 && dice.chance(0.04)) {
                account.signupAt = start.plusMillis(1 + dice.nextLong(signupSpan - 1));
                account.registrationDate = LocalDate.ofInstant(account.signupAt, ZoneOffset.UTC);
            } else {
                long daysBefore = 1 + Math.min(8 * 365, (long) dice.exponential(420));
                account.registrationDate = startDate.minusDays(daysBefore);
            }
            account.annual =
                    PlanCatalog.isPaid(account.plan) && dice.chance(account.plan == PlanType.ENTERPRISE ? 0.5 : 0.18);
        }
        return new Population(accounts);
    }

    private static List<Organisation> organisations(int users, Dice dice) {
        List<Organisation> organisations = new ArrayList<>();
        Set<String> names = new HashSet<>();
        int remaining = users;
        while (remaining > 0) {
            Organisation organisation;
            int size;
            if (dice.chance(0.3) || remaining == 1) {
                size = 1;
                organisation = new Organisation("Self-employed", "mail.example", Kind.INDIVIDUAL, placeOf(dice));
            } else {
                size = (int) Math.round(Math.max(2, Math.min(Math.max(2, users / 5.0), dice.logNormal(4, 1.1))));
                size = Math.min(size, remaining);
                Kind kind = kindOf(size, dice);
                String name = uniqueName(kind, dice, names);
                String domain = name.toLowerCase(Locale.ROOT)
                                .replaceAll("[^a-z0-9]+", "-")
                                .replaceAll("(^-|-$)", "") + ".example";
                organisation = new Organisation(name, domain, kind, placeOf(dice));
            }
            for (int i = 0; i < size; i++) {
                organisation.members.add(null); // filled with accounts by create()
            }
            organisations.add(organisation);
            remaining -= size;
        }
        return organisations;
    }

    private static Kind kindOf(int size, Dice dice) {
        double roll = dice.nextDouble();
        if (size >= 15) {
            return roll < 0.7 ? Kind.ENTERPRISE : roll < 0.95 ? Kind.UNIVERSITY : Kind.BUSINESS;
        }
        if (size >= 6) {
            return roll < 0.55
                    ? Kind.BUSINESS
                    : roll < 0.7 ? Kind.ENTERPRISE : roll < 0.82 ? Kind.UNIVERSITY : Kind.SMALL_FIRM;
        }
        return roll < 0.8 ? Kind.SMALL_FIRM : roll < 0.92 ? Kind.BUSINESS : Kind.UNIVERSITY;
    }

    private static PlanType planOf(Kind kind, Dice dice) {
        List<PlanType> plans = List.of(
                PlanType.FREE,
                PlanType.BASIC,
                PlanType.PRO,
                PlanType.BUSINESS,
                PlanType.ENTERPRISE,
                PlanType.EDUCATION);
        double[] weights = switch (kind) {
            case ENTERPRISE -> new double[] {3, 0, 2, 20, 75, 0};
            case BUSINESS -> new double[] {8, 2, 20, 68, 2, 0};
            case SMALL_FIRM -> new double[] {28, 24, 42, 6, 0, 0};
            case UNIVERSITY -> new double[] {12, 0, 3, 0, 0, 85};
            case INDIVIDUAL -> new double[] {62, 14, 24, 0, 0, 0};
        };
        return dice.weighted(plans, weights);
    }

    /**
     * Zipf-like activity by rank: {@code base × (rank / users)^-s}, capped; the same shape at any population
     * size (1.6 sessions a day of use on average; the top tenth of the users hold about 37% of it). The rank
     * leans on the plan (paying accounts use the platform more) and on the usage pattern, drawn here too: heavy
     * users, who use it most days, also do more on a day of use than occasional ones.
     */
    private static void assignActivity(List<Account> accounts, Dice dice) {
        double[] propensity = new double[accounts.size()];
        for (int i = 0; i < accounts.size(); i++) {
            double lean = switch (accounts.get(i).plan) {
                case ENTERPRISE -> 1.6;
                case BUSINESS -> 1.5;
                case PRO -> 1.3;
                case EDUCATION -> 1.3;
                case BASIC -> 0.9;
                default -> 0.6;
            };
            Account account = accounts.get(i);
            account.pattern = UsagePattern.draw(account.plan, dice);
            propensity[i] = dice.logNormal(1, 0.8) * lean * account.pattern.activityLean;
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < accounts.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingDouble((Integer i) -> -propensity[i]).thenComparing(i -> i));
        for (int rank = 1; rank <= order.size(); rank++) {
            double percentile = (rank - 0.5) / order.size();
            accounts.get(order.get(rank - 1)).sessionsPerWeekday = Math.min(
                    TOP_SESSIONS_PER_WEEKDAY, BASE_SESSIONS_PER_WEEKDAY * Math.pow(percentile, -ZIPF_EXPONENT));
        }
    }

    private static Names.Place placeOf(Dice dice) {
        double[] weights =
                Names.PLACES.stream().mapToDouble(Names.Place::weight).toArray();
        return dice.weighted(Names.PLACES, weights);
    }

    private static String uniqueName(Kind kind, Dice dice, Set<String> taken) {
        for (int attempt = 0; ; attempt++) {
            String name = kind == Kind.UNIVERSITY
                    ? (dice.chance(0.5)
                            ? "University of " + dice.pick(Names.UNIVERSITY_CITIES)
                            : dice.pick(Names.UNIVERSITY_CITIES) + " College")
                    : dice.pick(Names.COMPANY_STEMS) + " " + dice.pick(Names.COMPANY_SUFFIXES);
            if (attempt > 20) {
                name = name + " " + (attempt - 19);
            }
            if (taken.add(name)) {
                return name;
            }
        }
    }

    private static String uniqueEmail(String first, String last, String domain, Set<String> taken) {
        String local = (first + "." + last).toLowerCase(Locale.ROOT);
        String email = local + "@" + domain;
        for (int n = 2; !taken.add(email); n++) {
            email = local + n + "@" + domain;
        }
        return email;
    }
}
