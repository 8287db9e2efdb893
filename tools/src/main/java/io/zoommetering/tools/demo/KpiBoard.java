package io.zoommetering.tools.demo;

import io.zoommetering.avro.audit.ErrorAudit;
import io.zoommetering.avro.common.PeriodType;
import io.zoommetering.avro.gold.PeriodKey;
import io.zoommetering.avro.gold.PlanMonthKey;
import io.zoommetering.avro.gold.ProductMeterKey;
import io.zoommetering.topology.config.TopicCatalog;
import io.zoommetering.topology.topics.Topic;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The headline KPIs as a sink sees them: a read-committed consumer of the gold topics keeps the latest value per
 * key, and {@link #render} prints today's DAU, WAU and MAU (and last month's MAU: early in a month its MAU is
 * below the week's), today's meeting minutes (and yesterday's, complete), this month's MRR so far (and last
 * month's: a monthly renewal counts in the month its cycle starts, so the month in progress fills as its renewals
 * come), the top overage products and the error counts by type.
 */
public final class KpiBoard implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KpiBoard.class);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private static final String ACTIVE_USERS = "active-users";
    private static final String MEETING_MINUTES = "meeting-minutes";
    private static final String MRR = "mrr";
    private static final String OVERAGE = "overage";

    private final TopicCatalog topics;
    private final ZoneId zone;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Map<String, Map<Object, Object>> tables = new HashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final java.util.concurrent.atomic.AtomicLong emptyPolls = new java.util.concurrent.atomic.AtomicLong();
    private final Thread poller;

    public KpiBoard(Map<String, Object> clientSettings, TopicCatalog topics, ZoneId zone) {
        this.topics = topics;
        this.zone = zone;
        Map<String, Object> props = new HashMap<>(clientSettings);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "zoom-metering-kpi-board");
        this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (Topic<?, ?> topic : shown()) {
            for (PartitionInfo info : consumer.partitionsFor(topic.name(), Duration.ofSeconds(30))) {
                partitions.add(new TopicPartition(info.topic(), info.partition()));
            }
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        this.poller = new Thread(this::poll, "kpi-board");
        this.poller.setDaemon(true);
    }

    public KpiBoard start() {
        poller.start();
        return this;
    }

    private List<Topic<?, ?>> shown() {
        return List.of(
                topics.output(ACTIVE_USERS),
                topics.output(MEETING_MINUTES),
                topics.output(MRR),
                topics.output(OVERAGE),
                topics.auditErrors);
    }

    private void poll() {
        Map<String, Topic<?, ?>> byName = new HashMap<>();
        shown().forEach(topic -> byName.put(topic.name(), topic));
        try {
            while (running.get()) {
                var records = consumer.poll(Duration.ofMillis(500));
                if (records.isEmpty()) {
                    emptyPolls.incrementAndGet();
                }
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    Topic<?, ?> topic = byName.get(record.topic());
                    Object key = topic.keySerde().deserializer().deserialize(record.topic(), record.key());
                    Object value = record.value() == null
                            ? null
                            : topic.valueSerde().deserializer().deserialize(record.topic(), record.value());
                    synchronized (tables) {
                        Map<Object, Object> table = tables.computeIfAbsent(record.topic(), name -> new HashMap<>());
                        if (value == null) {
                            table.remove(key);
                        } else {
                            table.put(key, value);
                        }
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.warn("The KPI board stopped reading", e);
        }
    }

    /**
     * Waits until a read that started after this call found nothing new: the board then shows everything the
     * processor had committed when it was called.
     */
    public void awaitDrained(Duration timeout) throws InterruptedException {
        long target = emptyPolls.get() + 2;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (emptyPolls.get() < target && poller.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    /** The board as text, "today" and "this month" taken at {@code now} in the reporting zone. */
    public String render(Instant now, String header) {
        LocalDate today = LocalDate.ofInstant(now, zone);
        LocalDate week = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        LocalDate month = today.withDayOfMonth(1);
        String activityMonth = YearMonth.from(today).toString();
        String lastMonth = YearMonth.from(today).minusMonths(1).toString();
        StringBuilder out = new StringBuilder();
        synchronized (tables) {
            out.append(
                    String.format(Locale.ROOT, "%n=== %s  %s %s ===%n", header, CLOCK.format(now.atZone(zone)), zone));
            out.append(String.format(
                    Locale.ROOT,
                    "  %-20s today (DAU) %s   this week (WAU) %s   this month (MAU) %s   %s %s%n",
                    "Active users",
                    activeUsers(PeriodType.DAILY, today),
                    activeUsers(PeriodType.WEEKLY, week),
                    activeUsers(PeriodType.MONTHLY, month),
                    lastMonth,
                    activeUsers(PeriodType.MONTHLY, month.minusMonths(1))));
            out.append(String.format(
                    Locale.ROOT,
                    "  %-20s today %s   yesterday %s%n",
                    "Meeting minutes",
                    meetingMinutes(today),
                    meetingMinutes(today.minusDays(1))));
            out.append(String.format(
                    Locale.ROOT, "  %-20s %s, so far%n", "MRR " + activityMonth + " (ALL)", mrr(activityMonth)));
            out.append(String.format(Locale.ROOT, "  %-20s %s%n", "MRR " + lastMonth + " (ALL)", mrr(lastMonth)));
            out.append(String.format(
                    Locale.ROOT, "  %-20s%s%n", "Top overage " + activityMonth, topOverage(activityMonth)));
            out.append(String.format(Locale.ROOT, "  %-20s %s%n", "Errors by type", errorCounts()));
        }
        return out.toString();
    }

    /** Latest value per key of a gold topic read so far (a copy). */
    public Map<Object, Object> snapshot(Topic<?, ?> topic) {
        synchronized (tables) {
            return new HashMap<>(table(topic));
        }
    }

    private String meetingMinutes(LocalDate day) {
        Object minutes = table(topics.output(MEETING_MINUTES)).get(new PeriodKey(PeriodType.DAILY, day));
        return minutes == null
                ? "0"
                : String.format(
                        Locale.ROOT,
                        "%,d (%,d meetings, avg %s min)",
                        field(minutes, "total_meeting_minutes"),
                        field(minutes, "meeting_count"),
                        field(minutes, "avg_meeting_minutes"));
    }

    private String mrr(String activityMonth) {
        Object mrr = table(topics.output(MRR)).get(new PlanMonthKey("ALL", activityMonth));
        return mrr == null
                ? "$0.00"
                : String.format(
                        Locale.ROOT,
                        "%s (%,d paying accounts, ARPU %s)",
                        money(field(mrr, "monthly_recurring_revenue")),
                        field(mrr, "paying_accounts"),
                        field(mrr, "arpu") == null ? "-" : money(field(mrr, "arpu")));
    }

    private String activeUsers(PeriodType period, LocalDate start) {
        Object row = table(topics.output(ACTIVE_USERS)).get(new PeriodKey(period, start));
        return String.format(Locale.ROOT, "%,d", row == null ? 0L : field(row, "active_user_count"));
    }

    private String topOverage(String activityMonth) {
        List<Map.Entry<Object, Object>> rows = new ArrayList<>();
        for (Map.Entry<Object, Object> row : table(topics.output(OVERAGE)).entrySet()) {
            if (((ProductMeterKey) row.getKey()).getActivityMonth().equals(activityMonth)
                    && this.<BigDecimal>field(row.getValue(), "overage").signum() > 0) {
                rows.add(row);
            }
        }
        rows.sort((a, b) -> {
            int byRevenue = this.<BigDecimal>field(b.getValue(), "overage_revenue")
                    .compareTo(field(a.getValue(), "overage_revenue"));
            return byRevenue != 0
                    ? byRevenue
                    : this.<BigDecimal>field(b.getValue(), "overage").compareTo(field(a.getValue(), "overage"));
        });
        if (rows.isEmpty()) {
            return " none this month yet";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < Math.min(3, rows.size()); i++) {
            ProductMeterKey key = (ProductMeterKey) rows.get(i).getKey();
            Object overage = rows.get(i).getValue();
            out.append(String.format(
                    Locale.ROOT,
                    "%n    %d. %-10s %-20s over %12s  accounts %,4d  revenue %s",
                    i + 1,
                    key.getPlanType(),
                    key.getMeter(),
                    this.<BigDecimal>field(overage, "overage").toPlainString(),
                    field(overage, "overage_accounts"),
                    money(field(overage, "overage_revenue"))));
        }
        return out.toString();
    }

    private String errorCounts() {
        Map<String, Integer> counts = new TreeMap<>();
        for (Object value : table(topics.auditErrors).values()) {
            counts.merge(((ErrorAudit) value).getErrorType().name(), 1, Integer::sum);
        }
        if (counts.isEmpty()) {
            return "none";
        }
        List<String> parts = new ArrayList<>();
        counts.forEach((type, count) -> parts.add(String.format(Locale.ROOT, "%s %,d", type, count)));
        return String.join("  ", parts);
    }

    /** A field of a gold row by its name in the contract (SPEC 3): the board reads rows as any sink does. */
    @SuppressWarnings("unchecked")
    private <T> T field(Object row, String name) {
        return (T) ((GenericRecord) row).get(name);
    }

    private Map<Object, Object> table(Topic<?, ?> topic) {
        return tables.getOrDefault(topic.name(), Map.of());
    }

    private static String money(BigDecimal amount) {
        return String.format(Locale.ROOT, "$%,.2f", amount);
    }

    @Override
    public void close() {
        running.set(false);
        consumer.wakeup();
        try {
            poller.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(5)));
    }
}
