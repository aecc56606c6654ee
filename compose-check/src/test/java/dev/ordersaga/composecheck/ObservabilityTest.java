package dev.ordersaga.composecheck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.composecheck.ComposeFile.Container;
import dev.ordersaga.composecheck.ComposeFile.PortMapping;
import dev.ordersaga.configreaders.Repo;
import dev.ordersaga.configreaders.ServiceConfig;
import dev.ordersaga.configreaders.ServiceConfig.Placeholder;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Zipkin, Prometheus and Grafana in docker-compose.yml: each service sends its spans to Zipkin and is
 * scraped by Prometheus where it serves its metrics, Grafana's data sources reach both, the UIs are
 * published (the login-less ones on loopback only), healthchecks probe the port each one serves, and
 * Grafana's admin password has no default.
 */
class ObservabilityTest {

    static final String SCRAPE_CONFIG = "compose/prometheus/prometheus.yml";
    private static final Pattern LOCAL_URL = Pattern.compile("https?://(localhost|127\\.0\\.0\\.1):(\\d+)/\\S*");

    private final Stack stack = Stack.load();

    @Test
    void prometheus_scrapes_every_service_where_it_serves_its_metrics() {
        Map<String, List<String>> targetsByJob = new LinkedHashMap<>();
        Map<String, String> pathByJob = new LinkedHashMap<>();
        for (Object entry : (List<?>) DashboardsTest.yaml(SCRAPE_CONFIG).get("scrape_configs")) {
            Map<String, Object> job = ComposeFile.asMap(entry);
            String name = String.valueOf(job.get("job_name"));
            List<String> targets = new ArrayList<>();
            for (Object staticConfig : (List<?>) job.get("static_configs")) {
                ((List<?>) ComposeFile.asMap(staticConfig).get("targets")).forEach(t -> targets.add(String.valueOf(t)));
            }
            targetsByJob.put(name, targets);
            pathByJob.put(name, String.valueOf(job.getOrDefault("metrics_path", "/metrics")));
        }
        var softly = new SoftAssertions();
        for (String module : stack.serviceModules()) {
            ServiceConfig config = ServiceConfig.of(module);
            String expected = module + ":" + stack.actuatorPort(module);
            String basePath =
                    config.propertyDefault("management.endpoints.web.base-path").orElse("/actuator");
            // the dashboards group by job: one job per service, named after it
            softly.assertThat(targetsByJob.get(module))
                    .withFailMessage(
                            "%s: no job %s scraping %s (where its actuator listens), jobs: %s",
                            SCRAPE_CONFIG, module, expected, targetsByJob)
                    .isNotNull()
                    .containsExactly(expected);
            softly.assertThat(pathByJob.get(module))
                    .withFailMessage(
                            "%s: job %s scrapes %s, the service serves %s/prometheus",
                            SCRAPE_CONFIG, module, pathByJob.get(module), basePath)
                    .isEqualTo(basePath + "/prometheus");
            softly.assertThat(stack.exposedEndpoints(module))
                    .withFailMessage(
                            "%s's container does not expose the prometheus endpoint (exposure: %s)",
                            module, stack.exposedEndpoints(module))
                    .containsAnyOf("prometheus", "*");
        }
        softly.assertThat(targetsByJob.keySet())
                .withFailMessage("%s has jobs for no service: %s", SCRAPE_CONFIG, targetsByJob.keySet())
                .containsExactlyInAnyOrderElementsOf(stack.serviceModules());
        softly.assertAll();
    }

    @Test
    void prometheus_reads_the_scrape_config_of_the_repository() {
        Container prometheus = stack.byImageOrFail(Stack.PROMETHEUS_IMAGE);
        Matcher configFile = Pattern.compile("--config\\.file=(\\S+)").matcher(prometheus.command());
        String path = configFile.find() ? configFile.group(1) : "/etc/prometheus/prometheus.yml";
        assertThat(prometheus.volumes())
                .withFailMessage(
                        "prometheus must mount ./%s at %s (its --config.file), mounts: %s",
                        SCRAPE_CONFIG, path, prometheus.volumes())
                .anySatisfy(m -> {
                    assertThat(m.source()).isEqualTo("./" + SCRAPE_CONFIG);
                    assertThat(m.target()).isEqualTo(path);
                });
    }

    @Test
    void every_service_sends_its_spans_to_zipkin_and_samples_as_the_environment_says() {
        Container zipkin = stack.byImageOrFail(Stack.ZIPKIN_IMAGE);
        String endpoint = "http://" + zipkin.name() + ":" + Stack.zipkinPort(zipkin) + "/api/v2/spans";
        var softly = new SoftAssertions();
        for (String module : stack.serviceModules()) {
            Map<String, String> env = stack.container(module).environment();
            Map<String, String> raw = stack.compose.raw(module).environment();
            softly.assertThat(env.get("ZIPKIN_ENDPOINT"))
                    .withFailMessage(
                            "%s: ZIPKIN_ENDPOINT must be %s, found %s", module, endpoint, env.get("ZIPKIN_ENDPOINT"))
                    .isEqualTo(endpoint);
            softly.assertThat(raw.get("TRACING_SAMPLING_PROBABILITY"))
                    .withFailMessage(
                            "%s: TRACING_SAMPLING_PROBABILITY must come from the environment with the compose"
                                    + " default 0.1, found %s",
                            module, raw.get("TRACING_SAMPLING_PROBABILITY"))
                    .isEqualTo("${TRACING_SAMPLING_PROBABILITY:-0.1}");
        }
        softly.assertThat(Stack.tag(zipkin.image().orElseThrow()))
                .as("the Zipkin image: 3.5.x")
                .startsWith("3.5.");
        softly.assertAll();
    }

    @Test
    void the_tracing_variables_are_read_from_service_supports_shared_defaults() {
        Set<String> shared = ServiceConfig.sharedPlaceholders().stream()
                .map(Placeholder::name)
                .collect(Collectors.toSet());
        if (Repo.exists(ServiceConfig.SHARED_DEFAULTS)) {
            assertThat(shared)
                    .as("%s reads the tracing variables compose sets", ServiceConfig.SHARED_DEFAULTS)
                    .containsAll(Stack.TRACING_ENV);
        } else {
            // until that file exists, Stack.TRACING_ENV stands in for it: no application.yml reads them
            Set<String> readByAService = new java.util.TreeSet<>();
            for (String module : stack.serviceModules()) {
                ServiceConfig.of(module).placeholders().stream()
                        .map(Placeholder::name)
                        .filter(Stack.TRACING_ENV::contains)
                        .forEach(readByAService::add);
            }
            assertThat(readByAService)
                    .as("tracing variables an application.yml reads (they belong in %s)", ServiceConfig.SHARED_DEFAULTS)
                    .isEmpty();
        }
    }

    @Test
    void grafanas_data_sources_reach_prometheus_and_zipkin_on_the_compose_network() {
        Map<String, String> expected = Map.of(
                "prometheus", Stack.PROMETHEUS_IMAGE,
                "zipkin", Stack.ZIPKIN_IMAGE);
        var softly = new SoftAssertions();
        for (Object entry :
                (List<?>) DashboardsTest.yaml(DashboardsTest.DATASOURCES).get("datasources")) {
            Map<String, Object> datasource = ComposeFile.asMap(entry);
            String type = String.valueOf(datasource.get("type"));
            URI url = URI.create(String.valueOf(datasource.get("url")));
            Container target = stack.byImageOrFail(expected.getOrDefault(type, "?" + type));
            softly.assertThat(url.getHost())
                    .as("data source %s: host", datasource.get("name"))
                    .isEqualTo(target.name());
            softly.assertThat(url.getPort())
                    .as("data source %s: the port %s serves", datasource.get("name"), target.name())
                    .isEqualTo(servedPort(target));
        }
        softly.assertThat(DashboardsTest.provisionedDatasources()).containsValues("prometheus", "zipkin");
        softly.assertAll();
    }

    @Test
    void the_uis_are_published_and_their_healthchecks_probe_the_port_they_serve() {
        var softly = new SoftAssertions();
        for (String image : Stack.OBSERVABILITY_IMAGES) {
            Container container = stack.byImageOrFail(image);
            int port = servedPort(container);
            Matcher url = LOCAL_URL.matcher(container.healthcheckLine());
            softly.assertThat(url.find() && Integer.parseInt(url.group(2)) == port)
                    .withFailMessage(
                            "%s: the healthcheck '%s' must request http://localhost:%s/...",
                            container.name(), container.healthcheckLine(), port)
                    .isTrue();
            softly.assertThat(container.healthcheck().map(t -> t.get(1)))
                    .withFailMessage(
                            "%s: the healthcheck must run wget (busybox in these images), found '%s'",
                            container.name(), container.healthcheckLine())
                    .contains("wget");
            softly.assertThat(container.ports())
                    .withFailMessage("%s must publish its port %s, found %s", container.name(), port, container.ports())
                    .extracting(PortMapping::target)
                    .containsExactly(port);
            softly.assertThat(container.ports())
                    .withFailMessage(
                            "%s is for the operators on this machine: publish it on 127.0.0.1 only, found %s",
                            container.name(), container.ports())
                    .allSatisfy(p -> assertThat(p.hostIp()).isEqualTo("127.0.0.1"));
        }
        softly.assertAll();
    }

    @Test
    void grafanas_admin_password_comes_from_a_required_variable_and_nobody_gets_in_without_it() {
        Container grafana = stack.byImageOrFail(Stack.GRAFANA_IMAGE);
        String raw = stack.compose.raw(grafana.name()).environment().get("GF_SECURITY_ADMIN_PASSWORD");
        assertThat(raw)
                .as("grafana: GF_SECURITY_ADMIN_PASSWORD, as written")
                .matches("\\$\\{GRAFANA_ADMIN_PASSWORD:\\?.+}");
        assertThat(stack.compose.required()).contains("GRAFANA_ADMIN_PASSWORD");
        assertThat(grafana.environment())
                .containsEntry("GF_AUTH_ANONYMOUS_ENABLED", "false")
                .containsEntry("GF_USERS_ALLOW_SIGN_UP", "false");
    }

    /** The port an observability container listens on inside the compose network. */
    private static int servedPort(Container container) {
        String image = container.image().map(Stack::repository).orElse("");
        return switch (image) {
            case Stack.ZIPKIN_IMAGE -> Stack.zipkinPort(container);
            case Stack.PROMETHEUS_IMAGE -> {
                Matcher listen =
                        Pattern.compile("--web\\.listen-address=\\S*:(\\d+)").matcher(container.command());
                yield listen.find() ? Integer.parseInt(listen.group(1)) : 9090;
            }
            case Stack.GRAFANA_IMAGE ->
                Integer.parseInt(container.environment().getOrDefault("GF_SERVER_HTTP_PORT", "3000"));
            default -> throw new AssertionError("not an observability container: " + container.name());
        };
    }
}
