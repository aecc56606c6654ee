package dev.ordersaga.composecheck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.composecheck.Dashboards.Dashboard;
import dev.ordersaga.composecheck.Dashboards.Query;
import dev.ordersaga.configreaders.Repo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The Grafana dashboards (compose/grafana/dashboards) against Grafana's provisioning: every panel
 * names a provisioned data source by uid, every Prometheus query parses and reads metrics. That the
 * metrics exist on the services is local-stack's DashboardMetricsIT (a running stack).
 */
class DashboardsTest {

    static final String DATASOURCES = "compose/grafana/provisioning/datasources/datasources.yml";
    static final String PROVIDERS = "compose/grafana/provisioning/dashboards/dashboards.yml";

    private final List<Dashboard> dashboards = Dashboards.load(Repo.root());

    @Test
    void the_saga_overview_and_the_jvm_dashboards_exist_each_with_its_own_uid() {
        assertThat(dashboards).extracting(Dashboard::title).contains("Saga overview", "JVM");
        assertThat(dashboards).extracting(Dashboard::uid).doesNotContain("").doesNotHaveDuplicates();
    }

    @Test
    void every_panel_and_query_names_a_provisioned_data_source_by_uid() {
        Map<String, String> provisioned = provisionedDatasources();
        var softly = new SoftAssertions();
        for (Dashboard dashboard : dashboards) {
            dashboard.panels().stream()
                    .filter(p -> !p.type().equals("row"))
                    .forEach(panel -> softly.assertThat(provisioned)
                            .withFailMessage(
                                    "%s: panel '%s' names data source uid '%s', provisioned are %s (%s)",
                                    dashboard.file().getFileName(),
                                    panel.title(),
                                    panel.datasourceUid(),
                                    provisioned.keySet(),
                                    DATASOURCES)
                            .containsKey(panel.datasourceUid()));
            for (Query query : dashboard.queries()) {
                softly.assertThat(provisioned.get(query.datasourceUid()))
                        .withFailMessage(
                                "%s: query of %s names data source uid '%s', provisioned are %s",
                                dashboard.file().getFileName(), query.where(), query.datasourceUid(), provisioned)
                        .isNotNull();
            }
        }
        softly.assertAll();
    }

    @Test
    void every_prometheus_query_parses_and_reads_at_least_one_metric() {
        Map<String, String> provisioned = provisionedDatasources();
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Dashboard dashboard : dashboards) {
            for (Query query : dashboard.queries()) {
                if (!"prometheus".equals(provisioned.get(query.datasourceUid()))) {
                    continue;
                }
                checked++;
                try {
                    if (query.metricNames().isEmpty()) {
                        problems.add(query.where() + ": reads no metric: " + query.expression());
                    }
                } catch (IllegalArgumentException e) {
                    problems.add(query.where() + ": " + e.getMessage());
                }
            }
        }
        assertThat(checked).as("Prometheus queries found").isGreaterThan(10);
        assertThat(problems).withFailMessage("%s", String.join("\n", problems)).isEmpty();
    }

    @Test
    void the_saga_overview_shows_what_issue_14_asks_for() {
        Set<String> saga = dashboard("Saga overview").metricNames();
        assertThat(saga)
                .contains(
                        "orders_decided_total",
                        "http_server_requests_seconds_bucket",
                        "orders_saga_duration_seconds_bucket",
                        "spring_kafka_listener_seconds_sum",
                        "spring_kafka_listener_seconds_count",
                        "spring_kafka_listener_seconds_bucket",
                        "kafka_consumer_fetch_manager_records_lag",
                        "saga_runtime_dead_lettered_total");
        assertThat(dashboard("JVM").metricNames())
                .contains(
                        "jvm_memory_used_bytes",
                        "process_cpu_usage",
                        "jvm_gc_pause_seconds_sum",
                        "jvm_threads_live_threads");
    }

    @Test
    void grafana_mounts_the_provisioning_and_the_dashboards_where_the_provider_reads_them() {
        ComposeFile.Container grafana = Stack.load().byImageOrFail(Stack.GRAFANA_IMAGE);
        Map<String, Object> provider =
                ComposeFile.asMap(((List<?>) yaml(PROVIDERS).get("providers")).getFirst());
        String path = String.valueOf(ComposeFile.asMap(provider.get("options")).get("path"));
        Map<String, String> mounts = new LinkedHashMap<>();
        grafana.volumes().forEach(m -> mounts.put(m.source(), m.target()));
        assertThat(mounts)
                .containsEntry("./compose/grafana/provisioning", "/etc/grafana/provisioning")
                .containsEntry("./" + Dashboards.DIRECTORY, path);
        assertThat(provider.get("type")).isEqualTo("file");
    }

    private Dashboard dashboard(String title) {
        return dashboards.stream()
                .filter(d -> d.title().equals(title))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no dashboard titled " + title));
    }

    /** uid → type of every provisioned data source. */
    static Map<String, String> provisionedDatasources() {
        Map<String, String> byUid = new LinkedHashMap<>();
        for (Object entry : (List<?>) yaml(DATASOURCES).get("datasources")) {
            Map<String, Object> datasource = ComposeFile.asMap(entry);
            byUid.put(String.valueOf(datasource.get("uid")), String.valueOf(datasource.get("type")));
        }
        return byUid;
    }

    static Map<String, Object> yaml(String file) {
        return ComposeFile.asMap(new Yaml(new SafeConstructor(new LoaderOptions())).load(Repo.read(file)));
    }
}
