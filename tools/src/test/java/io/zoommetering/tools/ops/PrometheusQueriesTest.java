package io.zoommetering.tools.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How PrometheusIT turns the rules' and the dashboard's expressions into queries that return what they measure. */
class PrometheusQueriesTest {

    @Test
    void anAlertsComparisonsBecomeBoolAndItsSetOperatorsSplitIt() {
        assertThat(PrometheusIT.measuredParts("up{job=~\".*zoom-metering\"} == 0"))
                .containsExactly("up{job=~\".*zoom-metering\"} == bool 0");
        assertThat(
                        PrometheusIT.measuredParts(
                                "sum by (a) (rate(x{topic=~\"zoom\\\\..+\"}[15m])) > 0\n  unless\nsum by (a) (rate(y[15m])) > 0"))
                .containsExactly(
                        "sum by (a) (rate(x{topic=~\"zoom\\\\..+\"}[15m])) > bool 0",
                        "sum by (a) (rate(y[15m])) > bool 0");
        assertThat(PrometheusIT.measuredParts("lag:sum > 1000 and deriv(lag:sum[15m]) > 0"))
                .containsExactly("lag:sum > bool 1000", "deriv(lag:sum[15m]) > bool 0");
        assertThat(PrometheusIT.measuredParts("absent(up{job=~\".*zoom-metering\"})"))
                .containsExactly("up{job=~\".*zoom-metering\"}");
        // a set operator inside a grouping or a label value is not split on
        assertThat(PrometheusIT.measuredParts("sum(x{reason=\"a or b\"}) / sum(y and z)"))
                .containsExactly("sum(x{reason=\"a or b\"}) / sum(y and z)");
    }

    @Test
    void grafanasVariablesTakeTheirAllValues() {
        assertThat(PrometheusIT.grafanaResolved(
                        "sum(rate(x{application=~\"$application\", instance=~\"${instance}\"}[$__rate_interval]))"))
                .isEqualTo("sum(rate(x{application=~\".*\", instance=~\".*\"}[5m]))");
        assertThat(PrometheusIT.grafanaResolved("increase(x[$__range])")).isEqualTo("increase(x[1h])");
        assertThat(PrometheusIT.grafanaResolved(
                        "label_values(kafka_stream_client_state{application=~\"$application\"}, instance)"))
                .isEqualTo("group by (instance) (kafka_stream_client_state{application=~\".*\"})");
    }

    @Test
    void everyRuleAndPanelHasAQuery() {
        assertThat(PrometheusIT.queries()).hasSizeGreaterThan(50);
    }
}
