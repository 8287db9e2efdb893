package io.zoommetering.app.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromQlTest {

    @Test
    void shouldFindTheMetricOfASelectorAndNotItsLabels() {
        assertThat(PromQl.metricNames("up{job=~\".*zoom-metering\", instance=\"a:8080\"} == 0"))
                .containsExactly("up");
    }

    @Test
    void shouldSkipFunctionsAggregationsGroupingAndRanges() {
        assertThat(PromQl.metricNames("sum by (application, topic) (rate(kafka_stream_topic_records_consumed_total"
                        + "{topic=~\"zoom\\\\..+\"}[10m])) / sum without (task_id) (increase(x_total[1h] offset 5m))"))
                .containsExactly("kafka_stream_topic_records_consumed_total", "x_total");
    }

    @Test
    void shouldSkipNumbersKeywordsAndBinaryOperatorModifiers() {
        assertThat(PromQl.metricNames("a > 1e3 and on (instance) group_left (version) b unless c > bool 0.5"))
                .containsExactly("a", "b", "c");
    }

    @Test
    void shouldReadHistogramsAndSubqueries() {
        assertThat(PromQl.metricNames("histogram_quantile(0.99, sum by (le) (rate(latency_seconds_bucket[5m])))"
                        + " + deriv(zoom_metering:consumer_lag:sum[15m:1m])"))
                .containsExactly("latency_seconds_bucket", "zoom_metering:consumer_lag:sum");
    }

    @Test
    void shouldIgnoreGrafanaVariablesAndStrings() {
        assertThat(PromQl.metricNames("sum(rate(m_total{instance=~\"$instance\"}[$__rate_interval])) * ${factor}"
                        + " + label_replace(n, \"dst\", \"$1\", \"src\", \"(other_name)\")"))
                .containsExactly("m_total", "n");
    }

    @Test
    void shouldReadTheMetricOfAGrafanaLabelValuesQuery() {
        assertThat(PromQl.metricNames(
                        "label_values(kafka_stream_client_state{application=~\"$application\"}, instance)"))
                .containsExactly("kafka_stream_client_state");
    }

    @Test
    void shouldReadAbsentAndParenthesisedExpressions() {
        assertThat(PromQl.metricNames("absent(up{job=\"x\"}) or (sum(a) / (b))"))
                .containsExactly("a", "b", "up");
    }

    @Test
    void shouldTellTheLabelsASelectorMatchesOn() {
        assertThat(PromQl.selectorLabels("sum by (topic) (rate(a_total{topic=~\"zoom\\\\..+\", task_id!=\"}\"}[5m]))"
                        + " / b{instance=~\"$instance\"} + c"))
                .containsEntry("a_total", java.util.Set.of("topic", "task_id"))
                .containsEntry("b", java.util.Set.of("instance"))
                .doesNotContainKey("c");
    }
}
