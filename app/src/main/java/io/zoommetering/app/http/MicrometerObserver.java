package io.zoommetering.app.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.zoommetering.avro.audit.ErrorType;
import io.zoommetering.topology.audit.MeteringObserver;
import io.zoommetering.topology.output.churnrisk.ChurnRiskOutput;
import io.zoommetering.topology.output.eventtotals.EventTotalsOutput;
import io.zoommetering.topology.output.forecast.ForecastOutput;
import io.zoommetering.topology.output.plansuggestions.PlanSuggestionsOutput;
import io.zoommetering.topology.time.Periods;
import io.zoommetering.topology.topics.TopicSetting;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;

/**
 * What intake decides, as Micrometer meters (in Prometheus: {@code zoom_metering_records_accepted_total},
 * {@code zoom_metering_records_duplicate_total}, {@code zoom_metering_records_rejected_total} with the error type,
 * each per input stream, and {@code zoom_metering_event_time_lag_seconds}: how far accepted records' event times lie
 * behind the processing time), gold rows written per output ({@code zoom_metering_gold_rows_written_total}), and the
 * current period's KPIs ({@link GoldKpiGauges}), the forecast against the actual hour ({@link ForecastGauges}) and
 * the top churn-risk accounts and plan-suggestion savings ({@link AccountGauges}). Operational figures: a retried transaction may count a record
 * twice; the exact counts are in gold.audit.process and the gold topics.
 */
public final class MicrometerObserver implements MeteringObserver {

    private final MeterRegistry registry;
    private final String application;
    private final Map<String, Counter> accepted = new ConcurrentHashMap<>();
    private final Map<String, Counter> duplicates = new ConcurrentHashMap<>();
    private final Map<String, Counter> rejected = new ConcurrentHashMap<>();
    private final Map<String, Timer> lag = new ConcurrentHashMap<>();
    private final Map<TopicSetting, Counter> written = new ConcurrentHashMap<>();
    private final GoldKpiGauges kpis;
    private final ForecastGauges forecast;
    private final AccountGauges accounts;

    public MicrometerObserver(MeterRegistry registry, String application, ZoneId reportingZone, Clock clock) {
        this.registry = registry;
        this.application = application;
        Periods periods = new Periods(reportingZone);
        this.kpis = new GoldKpiGauges(registry, application, periods, clock);
        this.forecast = new ForecastGauges(registry, application, periods, clock);
        this.accounts = new AccountGauges(registry, application);
    }

    @Override
    public void accepted(String stream, long eventTimeLagMs) {
        accepted.computeIfAbsent(
                        stream,
                        s -> Counter.builder("zoom.metering.records.accepted")
                                .description("Input records accepted by intake")
                                .tags("application", application, "stream", s)
                                .register(registry))
                .increment();
        lag.computeIfAbsent(
                        stream,
                        s -> Timer.builder("zoom.metering.event.time.lag")
                                .description("How far an accepted record's event time lies behind the processing time")
                                .tags("application", application, "stream", s)
                                .distributionStatisticExpiry(Duration.ofMinutes(2))
                                .register(registry))
                .record(Math.max(0, eventTimeLagMs), TimeUnit.MILLISECONDS);
    }

    @Override
    public void duplicate(String stream) {
        duplicates
                .computeIfAbsent(
                        stream,
                        s -> Counter.builder("zoom.metering.records.duplicate")
                                .description("Input records whose event_id was already accepted")
                                .tags("application", application, "stream", s)
                                .register(registry))
                .increment();
    }

    @Override
    public void goldWritten(TopicSetting output, SpecificRecord key, SpecificRecord value) {
        written.computeIfAbsent(
                        output,
                        o -> Counter.builder("zoom.metering.gold.rows.written")
                                .description("Gold rows (and deletions) this instance writes, by output")
                                .tags("application", application, "output", o.defaultName())
                                .register(registry))
                .increment();
        String name = output.configName();
        kpis.written(name, key, value);
        if (name.equals(ForecastOutput.INSTANCE.topic().configName())) {
            forecast.forecast(key, value);
        } else if (name.equals(EventTotalsOutput.INSTANCE.topic().configName())) {
            forecast.eventTotals(key, value);
        } else if (name.equals(ChurnRiskOutput.INSTANCE.topic().configName())) {
            accounts.churnRisk(key, value);
        } else if (name.equals(PlanSuggestionsOutput.INSTANCE.topic().configName())) {
            accounts.planSuggestion(key, value);
        }
    }

    @Override
    public void rejected(String stream, ErrorType type) {
        rejected.computeIfAbsent(
                        stream + "/" + type,
                        key -> Counter.builder("zoom.metering.records.rejected")
                                .description("Input records sent to the error topic, by error type")
                                .tags("application", application, "stream", stream, "error_type", type.name())
                                .register(registry))
                .increment();
    }
}
