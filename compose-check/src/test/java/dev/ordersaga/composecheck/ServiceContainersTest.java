package dev.ordersaga.composecheck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.composecheck.ComposeFile.Container;
import dev.ordersaga.composecheck.Stack.Endpoint;
import dev.ordersaga.configreaders.Repo;
import dev.ordersaga.configreaders.ServiceConfig;
import dev.ordersaga.configreaders.ServiceConfig.Placeholder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Each service module against its container in docker-compose.yml: the settings the code reads
 * (application.yml) must be the ones the container gives it.
 */
class ServiceContainersTest {

    private static final Pattern HEALTH_URL = Pattern.compile("https?://(localhost|127\\.0\\.0\\.1):(\\d+)(/\\S*)");

    private final Stack stack = Stack.load();

    @Test
    void discoveryFindsEverySpringBootServiceOfTheReactor() {
        assertThat(stack.serviceModules())
                .as(
                        "service modules found in the root pom (modules with %s defining server.port)",
                        ServiceConfig.LOCATION)
                .containsAll(Stack.EXPECTED_SERVICES);
    }

    @ForEachService
    void hasAContainerBuiltFromItsModule(String module) {
        Optional<Container> container = stack.compose.container(module);
        assertThat(container)
                .withFailMessage(
                        "service module %s has no container named %s in docker-compose.yml (it has %s)",
                        module, module, stack.containerNames())
                .isPresent();
        assertThat(container.get().build())
                .withFailMessage("container %s has no build: section; it must be built from this repository", module)
                .isPresent();
        assertThat(container.get().build().get().args().get("MODULE"))
                .withFailMessage(
                        "container %s must be built with build arg MODULE: %s, found %s",
                        module, module, container.get().build().get().args())
                .isEqualTo(module);
    }

    @ForEachService
    void listensOnThePortOfItsConfiguration(String module) {
        ServiceConfig config = ServiceConfig.of(module);
        Container container = stack.container(module);
        Optional<Integer> port = config.defaultPort();
        assertThat(port)
                .withFailMessage(
                        "%s: server.port has no numeric default (expected ${SERVER_PORT:90xx}), found %s",
                        config.file(), config.property("server.port").orElse(null))
                .isPresent();
        String expected = String.valueOf(port.get());

        var softly = new SoftAssertions();
        softly.assertThat(container.environment().get("SERVER_PORT"))
                .withFailMessage(
                        "%s: SERVER_PORT is %s in docker-compose.yml but %s listens on %s by default",
                        module, container.environment().get("SERVER_PORT"), config.file(), expected)
                .isEqualTo(expected);
        softly.assertThat(container.build().map(b -> b.args().get("PORT")).orElse(null))
                .withFailMessage(
                        "%s: build arg PORT (used by the Dockerfile's EXPOSE and default SERVER_PORT) is %s,"
                                + " expected %s",
                        module, container.build().map(b -> b.args().get("PORT")).orElse(null), expected)
                .isEqualTo(expected);
        // actuator (health too) moves to the management port when the container sets one
        String actuatorPort = stack.actuatorPort(module);
        softly.assertThat(healthUrlPort(container).map(String::valueOf))
                .withFailMessage(
                        "%s: the healthcheck '%s' does not probe port %s (%s)",
                        module,
                        container.healthcheckLine(),
                        actuatorPort,
                        actuatorPort.equals(expected) ? "its SERVER_PORT" : "its actuator's management port")
                .contains(actuatorPort);
        softly.assertAll();
    }

    @ForEachService
    void healthcheckProbesAnActuatorEndpointTheServiceExposes(String module) {
        ServiceConfig config = ServiceConfig.of(module);
        Container container = stack.container(module);
        String line = container.healthcheckLine();
        Matcher url = HEALTH_URL.matcher(line);
        assertThat(url.find())
                .withFailMessage(
                        "%s: the healthcheck must request http://localhost:<port>/actuator/health/...," + " found '%s'",
                        module, line)
                .isTrue();
        assertThat(container.healthcheck().orElseThrow().get(1))
                .withFailMessage(
                        "%s: the healthcheck must run curl or wget (both ship in the runtime image)," + " found '%s'",
                        module, line)
                .isIn("curl", "wget");

        String basePath =
                config.propertyDefault("management.endpoints.web.base-path").orElse("/actuator");
        String path = url.group(3);
        String exposure = String.join(",", stack.exposedEndpoints(module));
        String excluded = config.propertyDefault("management.endpoints.web.exposure.exclude")
                .orElse("");
        Optional<String> managementPort = Optional.ofNullable(
                        container.environment().get("MANAGEMENT_SERVER_PORT"))
                .or(() -> config.propertyDefault("management.server.port"));

        var softly = new SoftAssertions();
        softly.assertThat(path)
                .withFailMessage(
                        "%s: healthcheck path %s is not an actuator health endpoint under %s", module, path, basePath)
                .matches(Pattern.quote(basePath) + "/health(/[a-z-]+)?");
        softly.assertThat(List.of(exposure.replace("[", "").replace("]", "").split("\\s*,\\s*")))
                .withFailMessage(
                        "%s: management.endpoints.web.exposure.include (%s) does not expose health",
                        config.file(), exposure)
                .containsAnyOf("health", "*");
        softly.assertThat(excluded)
                .withFailMessage("%s: management.endpoints.web.exposure.exclude hides health", config.file())
                .doesNotContain("health");
        if (path.endsWith("/readiness") || path.endsWith("/liveness")) {
            softly.assertThat(config.propertyDefault("management.endpoint.health.probes.enabled"))
                    .withFailMessage(
                            "%s: the healthcheck uses %s but management.endpoint.health.probes.enabled is"
                                    + " not true in %s (outside Kubernetes the probe groups exist only then)",
                            module, path, config.file())
                    .contains("true");
        } else if (path.matches(".*/health/[a-z-]+")) {
            String group = path.substring(path.lastIndexOf('/') + 1);
            softly.assertThat(config.property("management.endpoint.health.group." + group))
                    .withFailMessage(
                            "%s: the healthcheck uses health group %s, which %s does not define",
                            module, group, config.file())
                    .isPresent();
        }
        managementPort.ifPresent(p -> softly.assertThat(url.group(2))
                .withFailMessage(
                        "%s: actuator listens on management.server.port %s, the healthcheck on %s",
                        module, p, url.group(2))
                .isEqualTo(p));
        softly.assertAll();
    }

    @ForEachService
    void setsEveryVariableWhoseDefaultCannotWorkInAContainer(String module) {
        ServiceConfig config = ServiceConfig.of(module);
        Map<String, String> environment = stack.container(module).environment();
        List<String> missing = new ArrayList<>();
        for (Placeholder placeholder : config.placeholders()) {
            Optional<String> reason = placeholder.unusableInContainerBecause();
            String value = environment.get(placeholder.name());
            if (reason.isPresent() && (value == null || value.isBlank())) {
                missing.add(placeholder.name() + " (" + config.file() + " reads " + placeholder + " and " + reason.get()
                        + ")");
            }
        }
        assertThat(missing)
                .withFailMessage(
                        "container %s must set in its environment:%n  %s", module, String.join("\n  ", missing))
                .isEmpty();
    }

    @ForEachService
    void setsOnlyVariablesTheServiceReads(String module) {
        ServiceConfig config = ServiceConfig.of(module);
        Set<String> read = config.placeholders().stream().map(Placeholder::name).collect(Collectors.toSet());
        boolean usesMongo = read.contains("MONGODB_URI");
        List<String> unknown = stack.container(module).environment().keySet().stream()
                .filter(name -> !read.contains(name))
                .filter(name -> !Stack.COMMON_ENV.contains(name))
                .filter(name -> !(usesMongo && Stack.MONGO_ENV.contains(name)))
                .filter(name -> !(ServiceConfig.usesSagaRuntime(module) && Stack.SAGA_RUNTIME_ENV.contains(name)))
                .filter(name ->
                        !Stack.SERVICE_ENV.getOrDefault(module, Set.of()).contains(name))
                .filter(name -> Stack.PLATFORM_ENV_PREFIXES.stream().noneMatch(name::startsWith))
                // until service-support's shared defaults exist (then placeholders() has them)
                .filter(name -> Repo.exists(ServiceConfig.SHARED_DEFAULTS) || !Stack.TRACING_ENV.contains(name))
                .toList();
        assertThat(unknown)
                .withFailMessage(
                        "container %s sets %s, which neither %s reads nor the fixed names of COMMON list"
                                + " for it (a typo?)",
                        module, unknown, config.file())
                .isEmpty();
    }

    @ForEachService
    void addressesPointAtContainersThatServeThem(String module) {
        ServiceConfig config = ServiceConfig.of(module);
        Map<String, String> environment = stack.container(module).environment();
        var softly = new SoftAssertions();
        for (Placeholder placeholder : config.placeholders()) {
            String value = environment.get(placeholder.name());
            List<Endpoint> defaults =
                    Endpoint.parseAll(placeholder.defaultValue().orElse(""));
            if (value == null || defaults.isEmpty() || defaults.stream().noneMatch(Endpoint::isLocalhost)) {
                continue;
            }
            Endpoint local = defaults.getFirst();
            List<Endpoint> endpoints = Endpoint.parseAll(value);
            softly.assertThat(endpoints)
                    .withFailMessage(
                            "%s: %s=%s is not an address like its default %s", module, placeholder.name(), value, local)
                    .isNotEmpty();
            for (Endpoint endpoint : endpoints) {
                softly.assertThat(stack.whoServes(endpoint.host(), endpoint.port()))
                        .withFailMessage(
                                "%s: %s=%s, but no container of docker-compose.yml serves %s:%s" + " (containers: %s)",
                                module,
                                placeholder.name(),
                                value,
                                endpoint.host(),
                                endpoint.port(),
                                stack.containerNames())
                        .isPresent();
                if (!stack.isManagementPort(endpoint.host(), endpoint.port())) {
                    // a management port (the gateway's actuator, for the console's health page) is the
                    // container's own choice, not the service's fixed port
                    softly.assertThat(endpoint.port())
                            .withFailMessage(
                                    "%s: %s=%s uses port %s, but the fixed port (%s's dev default %s) is %s",
                                    module,
                                    placeholder.name(),
                                    value,
                                    endpoint.port(),
                                    config.file(),
                                    local,
                                    local.port())
                            .isEqualTo(local.port());
                }
                // A MongoDB URI's path is its authentication database: the service's own (its user lives there).
                String expectedPath =
                        endpoint.scheme().equals("mongodb") && !endpoint.path().isEmpty()
                                ? "/"
                                        + config.propertyDefault("spring.mongodb.database")
                                                .orElse("?")
                                : local.path();
                softly.assertThat(endpoint.path())
                        .withFailMessage(
                                "%s: %s=%s has path '%s', the service expects '%s' (its dev default %s)",
                                module, placeholder.name(), value, endpoint.path(), expectedPath, local)
                        .isEqualTo(expectedPath);
                softly.assertThat(endpoint.scheme())
                        .withFailMessage(
                                "%s: %s=%s, expected scheme %s", module, placeholder.name(), value, local.scheme())
                        .isEqualTo(local.scheme());
            }
        }
        softly.assertAll();
    }

    @ForEachService
    void startsOnlyAfterTheInfrastructureItUsesIsHealthy(String module) {
        ServiceConfig config = ServiceConfig.of(module);
        Map<String, String> dependsOn = stack.container(module).dependsOn();
        var softly = new SoftAssertions();
        softly.assertThat(dependsOn.get(stack.kafka().name()))
                .withFailMessage(
                        "%s must depend on %s with condition service_healthy, found %s",
                        module, stack.kafka().name(), dependsOn)
                .isEqualTo("service_healthy");
        if (config.placeholder("MONGODB_URI").isPresent()) {
            softly.assertThat(dependsOn.get(stack.mongo().name()))
                    .withFailMessage(
                            "%s reads MONGODB_URI, so it must depend on %s with condition service_healthy,"
                                    + " found %s",
                            module, stack.mongo().name(), dependsOn)
                    .isEqualTo("service_healthy");
        }
        if (module.equals("gateway")) {
            softly.assertThat(dependsOn.get("auth-service"))
                    .withFailMessage(
                            "gateway must depend on auth-service with condition service_healthy"
                                    + " (tokens are checked against its JWKS), found %s",
                            dependsOn)
                    .isEqualTo("service_healthy");
        }
        softly.assertAll();
    }

    @ForEachService
    void isPublishedOnTheHostOnlyIfItIsTheGateway(String module) {
        Container container = stack.container(module);
        if (module.equals("gateway")) {
            String port = container.environment().get("SERVER_PORT");
            assertThat(container.ports())
                    .withFailMessage(
                            "gateway must publish its SERVER_PORT %s (e.g. \"9080:9080\"), found %s",
                            port, container.ports())
                    .anySatisfy(p -> assertThat(String.valueOf(p.target())).isEqualTo(port));
            String actuatorPort = stack.actuatorPort(module);
            if (!actuatorPort.equals(port)) {
                assertThat(container.ports())
                        .withFailMessage(
                                "gateway publishes its management port %s (metrics, health details) on the"
                                        + " host; only Prometheus on the compose network may reach it: %s",
                                actuatorPort, container.ports())
                        .noneSatisfy(p -> assertThat(String.valueOf(p.target())).isEqualTo(actuatorPort));
            }
        } else if (module.equals(Stack.OPERATOR_CONSOLE)) {
            assertThat(container.ports())
                    .withFailMessage(
                            "%s is for operators on the host: loopback only (127.0.0.1:...), found %s",
                            module, container.ports())
                    .allMatch(p -> p.hostIp().equals("127.0.0.1"));
        } else {
            assertThat(container.ports())
                    .withFailMessage(
                            "%s publishes %s on the host; only the gateway (and Kafka's external listener)" + " may",
                            module, container.ports())
                    .isEmpty();
        }
    }

    private static Optional<Integer> healthUrlPort(Container container) {
        Matcher matcher = HEALTH_URL.matcher(container.healthcheckLine());
        return matcher.find() ? Optional.of(Integer.valueOf(matcher.group(2))) : Optional.empty();
    }
}
