package dev.ordersaga.composecheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PromQlTest {

    @Test
    void a_bare_metric_with_matchers_is_its_name() {
        assertThat(PromQl.metricNames("process_cpu_usage{job=~\"$job\", area=\"heap\"}"))
                .containsExactly("process_cpu_usage");
    }

    @Test
    void functions_aggregations_and_label_lists_are_not_metrics() {
        assertThat(PromQl.metricNames(
                        "histogram_quantile(0.99, sum by (le, job) (rate(http_server_requests_seconds_bucket"
                                + "{uri=\"/api/create_order\"}[$__rate_interval])))"))
                .containsExactly("http_server_requests_seconds_bucket");
        assertThat(PromQl.metricNames("sum without (instance) (rate(a_total[5m])) / on (job) group_left (x) b"))
                .containsExactly("a_total", "b");
        assertThat(PromQl.metricNames("topk(3, sum(rate(x_total[1m])) by (job))"))
                .containsExactly("x_total");
    }

    @Test
    void both_sides_of_a_binary_operator_count() {
        assertThat(PromQl.metricNames("sum by (step) (rate(inventory_saga_step_seconds_sum[1m])) / sum by (step)"
                        + " (rate(inventory_saga_step_seconds_count[1m]))"))
                .containsExactly("inventory_saga_step_seconds_sum", "inventory_saga_step_seconds_count");
        assertThat(PromQl.metricNames("a > bool 0 and on() b or c unless d")).containsExactly("a", "b", "c", "d");
    }

    @Test
    void numbers_durations_strings_and_grafana_variables_are_not_metrics() {
        assertThat(PromQl.metricNames(
                        "label_replace(up{job=\"x\"} offset 1h30m, \"svc\", \"$1\", \"job\", \"(.*)\") * 1e-3 + 0x1f"
                                + " - .5 + ${factor:raw} + $__interval_ms"))
                .containsExactly("up");
        assertThat(PromQl.metricNames("sum by (job, topic) (kafka_consumer_fetch_manager_records_lag >= 0)"))
                .containsExactly("kafka_consumer_fetch_manager_records_lag");
        assertThat(PromQl.metricNames("max_over_time(a[5m:30s]) # a comment naming not_a_metric"))
                .containsExactly("a");
    }

    @Test
    void brackets_and_strings_must_balance() {
        assertThatThrownBy(() -> PromQl.metricNames("sum(rate(a[5m])"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unclosed '('");
        assertThatThrownBy(() -> PromQl.metricNames("rate(a[5m]))")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PromQl.metricNames("a{job=\"x}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PromQl.metricNames("rate(a[5m)")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PromQl.metricNames("a}")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void label_names_come_from_grouping_lists_and_matchers() {
        assertThat(PromQl.labelNames(
                        "histogram_quantile(0.99, sum by (le, job) (rate(http_server_requests_seconds_bucket"
                                + "{uri=\"/api/create_order\", status!~\"5..,x\"}[$__rate_interval])))"))
                .containsExactly("le", "job", "uri", "status");
        assertThat(PromQl.labelNames("a / on (topic) group_left (reason) b{__name__=\"b\"} + sum(c) without (x)"))
                .containsExactly("topic", "reason", "x");
        assertThat(PromQl.labelNames("sum(rate(a_total[5m])) + label_replace(b, \"dst\", \"$1\", \"src\", \"(.*)\")"))
                .isEmpty();
    }

    @Test
    void an_exposition_page_gives_each_metrics_label_names() {
        String page = """
                # TYPE spring_kafka_listener_seconds_count counter
                spring_kafka_listener_seconds_count{exception="none",name="customer-saga-0",result="success"} 70
                spring_kafka_listener_seconds_count{exception="none",name="a,b=\\"c\\"",other="x"} 1
                jvm_threads_live_threads 42.0
                """;
        assertThat(PromQl.exposedLabels(page))
                .containsEntry(
                        "spring_kafka_listener_seconds_count", java.util.Set.of("exception", "name", "result", "other"))
                .containsEntry("jvm_threads_live_threads", java.util.Set.of());
    }

    @Test
    void template_queries_read_the_metric_of_label_values() {
        assertThat(PromQl.templateQueryMetricNames("label_values(jvm_info, job)"))
                .containsExactly("jvm_info");
        assertThat(PromQl.templateQueryMetricNames("label_values(job)")).isEmpty();
        assertThat(PromQl.templateQueryMetricNames("query_result(topk(5, sum by (job) (up)))"))
                .containsExactly("up");
    }

    @Test
    void an_exposition_page_gives_the_names_with_samples() {
        String page = """
                # HELP jvm_threads_live_threads The current number of live threads
                # TYPE jvm_threads_live_threads gauge
                jvm_threads_live_threads 42.0
                orders_decided_total{reason="none",status="CONFIRMED"} 3.0
                # TYPE saga_runtime_dead_lettered_total counter
                """;
        assertThat(PromQl.exposedNames(page)).containsExactly("jvm_threads_live_threads", "orders_decided_total");
    }
}
