package io.zoommetering.tools.generator;

import java.time.ZoneId;
import java.util.List;

/** Word lists for synthetic people, organisations, places and meeting subjects (all fictitious). */
final class Names {

    static final List<String> FIRST = List.of(
            "Ada", "Aiko", "Alex", "Amara", "Ana", "Arjun", "Ben", "Carla", "Chen", "Chloe", "Dana", "David", "Elena",
            "Emeka", "Emma", "Farah", "Felix", "Grace", "Hana", "Hugo", "Ines", "Ivan", "Jonas", "Julia", "Kai",
            "Kenji", "Lara", "Leo", "Lina", "Lucas", "Maya", "Mei", "Mia", "Nadia", "Noah", "Omar", "Priya", "Rafael",
            "Rosa", "Sam", "Sara", "Sofia", "Tariq", "Theo", "Uma", "Victor", "Yara", "Yusuf", "Zoe", "Zanele");

    static final List<String> LAST = List.of(
            "Abara",
            "Bauer",
            "Bianchi",
            "Chowdhury",
            "Costa",
            "Dubois",
            "Eriksen",
            "Fischer",
            "Garcia",
            "Gupta",
            "Haddad",
            "Hansen",
            "Ito",
            "Jansen",
            "Kim",
            "Kowalski",
            "Larsen",
            "Li",
            "Lopez",
            "Martin",
            "Meyer",
            "Moreau",
            "Nakamura",
            "Nguyen",
            "Novak",
            "Okafor",
            "Olsen",
            "Park",
            "Patel",
            "Petrov",
            "Rossi",
            "Santos",
            "Schmidt",
            "Silva",
            "Singh",
            "Sato",
            "Tanaka",
            "Torres",
            "Varga",
            "Wagner",
            "Walsh",
            "Weber",
            "Wong",
            "Yilmaz",
            "Zhang");

    static final List<String> COMPANY_STEMS = List.of(
            "Northwind",
            "Contoso",
            "Fabrikam",
            "Tailspin",
            "Woodgrove",
            "Litware",
            "Proseware",
            "Wingtip",
            "Lucerne",
            "Adatum",
            "Blue Yonder",
            "Coho",
            "Fourth Coffee",
            "Graphic Design",
            "Humongous",
            "Lamna",
            "Margie",
            "Relecloud",
            "Southridge",
            "Trey",
            "Wide World",
            "Alpine",
            "Bluefin",
            "Cedar",
            "Driftwood",
            "Emberly",
            "Foxglove",
            "Granite",
            "Harbor",
            "Ironleaf",
            "Juniper",
            "Kestrel",
            "Lumen",
            "Meridian",
            "Nimbus",
            "Orchid",
            "Pinecrest",
            "Quarry",
            "Riverbend",
            "Saltmarsh",
            "Tidewater",
            "Umber",
            "Vantage",
            "Willow",
            "Yellowstone",
            "Zephyr");

    static final List<String> COMPANY_SUFFIXES = List.of(
            "Labs",
            "Systems",
            "Health",
            "Logistics",
            "Partners",
            "Analytics",
            "Media",
            "Energy",
            "Foods",
            "Robotics",
            "Capital",
            "Studios",
            "Software",
            "Retail",
            "Consulting",
            "Travel",
            "Insurance",
            "Bank",
            "Motors",
            "Pharma");

    static final List<String> UNIVERSITY_CITIES = List.of(
            "Riverside",
            "Lakeshore",
            "Hillcrest",
            "Eastbrook",
            "Westfield",
            "Northgate",
            "Southport",
            "Maplewood",
            "Oakridge",
            "Stonebridge",
            "Fairhaven",
            "Brightwater");

    /** A place, its weight in the population and its time zone. */
    record Place(String location, double weight, ZoneId zone) {}

    static final List<Place> PLACES = List.of(
            new Place("US-East", 24, ZoneId.of("America/New_York")),
            new Place("US-West", 14, ZoneId.of("America/Los_Angeles")),
            new Place("Canada", 4, ZoneId.of("America/Toronto")),
            new Place("Brazil", 4, ZoneId.of("America/Sao_Paulo")),
            new Place("UK", 10, ZoneId.of("Europe/London")),
            new Place("Germany", 10, ZoneId.of("Europe/Berlin")),
            new Place("France", 6, ZoneId.of("Europe/Paris")),
            new Place("Netherlands", 4, ZoneId.of("Europe/Amsterdam")),
            new Place("India", 10, ZoneId.of("Asia/Kolkata")),
            new Place("Japan", 5, ZoneId.of("Asia/Tokyo")),
            new Place("Singapore", 3, ZoneId.of("Asia/Singapore")),
            new Place("Australia", 6, ZoneId.of("Australia/Sydney")));

    static final List<String> MEETING_TOPICS = List.of(
            "Weekly sync",
            "Sprint planning",
            "1:1",
            "Customer call",
            "Design review",
            "All hands",
            "Interview",
            "Standup",
            "Quarterly business review",
            "Sales demo",
            "Incident review",
            "Onboarding",
            "Budget review",
            "Roadmap planning",
            "Vendor call",
            "Team retro",
            "Office hours",
            "Board meeting",
            "Training session",
            "Coffee chat");

    static final List<String> LECTURE_TOPICS = List.of(
            "Lecture: Linear algebra",
            "Lecture: Organic chemistry",
            "Seminar: Economics",
            "Tutorial: Statistics",
            "Lecture: World history",
            "Lab: Physics",
            "Office hours",
            "Thesis defense",
            "Faculty meeting",
            "Study group");

    static final List<String> WEBINAR_TOPICS = List.of(
            "Product launch",
            "Quarterly earnings call",
            "Customer success stories",
            "Getting started",
            "What's new this quarter",
            "Industry outlook",
            "Security best practices",
            "Hiring open day",
            "Partner summit",
            "Ask me anything");

    static final List<String> COMPONENTS =
            List.of("meetings", "webinars", "chat", "phone", "recording", "web-portal", "api");

    static final List<String> PAYMENT_METHODS = List.of("CREDIT_CARD", "PAYPAL", "INVOICE", "ACH");

    private Names() {}
}
