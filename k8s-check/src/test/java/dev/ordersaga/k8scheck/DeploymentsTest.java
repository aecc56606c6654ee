package dev.ordersaga.k8scheck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.configreaders.ServiceConfig;
import dev.ordersaga.configreaders.ServiceConfig.Placeholder;
import dev.ordersaga.k8scheck.Overlay.Variable;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Each service's Deployment in each rendered overlay against the service's own configuration
 * (application.yml): image, port, probes, and the environment it reads.
 */
class DeploymentsTest {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");
    private static final String READINESS = "/actuator/health/readiness";
    private static final String LIVENESS = "/actuator/health/liveness";

    @Test
    void discoveryFindsTheSixServicesAndBothOverlays() {
        assertThat(Services.modules()).containsAll(Services.EXPECTED);
        assertThat(Overlay.names()).contains("dev", "prod");
    }

    @ForEachService
    void runsTheImageBuiltFromItsModule(String overlayName, String service) {
        String image = Overlay.render(overlayName).container(service).getImage();
        assertThat(image).as("%s: image of %s", overlayName, service).isNotBlank();
        int slash = image.lastIndexOf('/');
        int colon = image.lastIndexOf(':');
        assertThat(colon)
                .withFailMessage(
                        "%s: %s runs %s, which has no tag (kustomize images: sets it)", overlayName, service, image)
                .isGreaterThan(slash);
        String repository = image.substring(0, colon);
        String tag = image.substring(colon + 1);
        assertThat(repository)
                .withFailMessage(
                        "%s: %s runs %s, not an image of its module (order-saga/%s, the Dockerfile's name, or a"
                                + " registry's .../%s)",
                        overlayName, service, image, service, service)
                .matches("(.+/)?order-saga/" + Pattern.quote(service));
        assertThat(tag).as("%s: tag of %s", overlayName, image).isNotEqualTo("latest");
    }

    @ForEachService
    void listensOnTheServerPortOfItsConfiguration(String overlayName, String service) {
        Overlay overlay = Overlay.render(overlayName);
        ServiceConfig config = ServiceConfig.of(service);
        Container container = overlay.container(service);
        Map<String, String> environment = literals(overlay.environment(container));
        int port =
                Integer.parseInt(config.propertyWith("server.port", environment).orElseThrow());
        var softly = new SoftAssertions();
        softly.assertThat(container.getPorts().stream().map(ContainerPort::getContainerPort))
                .withFailMessage(
                        "%s: %s listens on server.port %s (%s with its environment), its container declares %s",
                        overlayName,
                        service,
                        port,
                        config.file(),
                        container.getPorts().stream()
                                .map(ContainerPort::getContainerPort)
                                .toList())
                .containsExactly(port);
        Optional<Service> kubeService = overlay.named(Service.class, service);
        softly.assertThat(kubeService)
                .withFailMessage(
                        "%s: no Service %s (the other services call http://%s:%s)", overlayName, service, service, port)
                .isPresent();
        kubeService.ifPresent(s -> {
            ServicePort servicePort = s.getSpec().getPorts().getFirst();
            softly.assertThat(servicePort.getPort())
                    .withFailMessage(
                            "%s: Service %s listens on %s, the service's own port is %s",
                            overlayName, service, servicePort.getPort(), port)
                    .isEqualTo(port);
            softly.assertThat(targetsPort(servicePort.getTargetPort(), container, port))
                    .withFailMessage(
                            "%s: Service %s targets %s, not the container's port %s",
                            overlayName, service, servicePort.getTargetPort(), port)
                    .isTrue();
            softly.assertThat(s.getSpec().getSelector())
                    .as("%s: Service %s selects the pods of its Deployment", overlayName, service)
                    .isEqualTo(
                            overlay.deployment(service).getSpec().getSelector().getMatchLabels());
        });
        // server.address from application.yml or from SERVER_ADDRESS (Boot's relaxed binding; the
        // local stack sets 127.0.0.1): unset means every interface
        Optional<String> address = Optional.ofNullable(environment.get("SERVER_ADDRESS"))
                .or(() -> config.propertyWith("server.address", environment));
        softly.assertThat(address.orElse(""))
                .withFailMessage(
                        "%s: %s listens on server.address %s only: the kubelet's probes and the Service reach the"
                                + " pod's own address",
                        overlayName, service, address.orElse(""))
                .isIn("", "0.0.0.0", "::");
        softly.assertAll();
    }

    @ForEachService
    void probesAskActuatorsProbeGroups(String overlayName, String service) {
        Overlay overlay = Overlay.render(overlayName);
        ServiceConfig config = ServiceConfig.of(service);
        Container container = overlay.container(service);
        int port = container.getPorts().getFirst().getContainerPort();
        var softly = new SoftAssertions();
        checkProbe(
                softly,
                overlayName,
                service,
                "readinessProbe",
                container.getReadinessProbe(),
                READINESS,
                container,
                port);
        checkProbe(
                softly, overlayName, service, "livenessProbe", container.getLivenessProbe(), LIVENESS, container, port);
        if (container.getStartupProbe() != null) {
            checkProbe(
                    softly,
                    overlayName,
                    service,
                    "startupProbe",
                    container.getStartupProbe(),
                    LIVENESS,
                    container,
                    port);
        }
        softly.assertThat(config.propertyDefault("management.endpoint.health.probes.enabled"))
                .withFailMessage(
                        "%s: the probes ask %s and %s, but %s does not set management.endpoint.health.probes.enabled:"
                                + " true (Boot turns the groups on by itself only when it detects Kubernetes)",
                        service, READINESS, LIVENESS, config.file())
                .contains("true");
        softly.assertThat(config.propertyDefault("management.endpoints.web.exposure.include"))
                .withFailMessage("%s: %s does not expose the health endpoint over HTTP", service, config.file())
                .hasValueSatisfying(v -> assertThat(v).containsAnyOf("health", "*"));
        softly.assertThat(config.property("management.server.port"))
                .withFailMessage(
                        "%s: actuator has a port of its own (management.server.port); the probes ask the server port",
                        service)
                .isEmpty();
        softly.assertAll();
    }

    @ForEachService
    void setsOnlyVariablesTheServiceReads(String overlayName, String service) {
        Overlay overlay = Overlay.render(overlayName);
        ServiceConfig config = ServiceConfig.of(service);
        Map<String, Variable> environment = overlay.environment(overlay.container(service));
        Set<String> read = config.placeholders().stream().map(Placeholder::name).collect(Collectors.toSet());
        // A variable used only inside another one's value ($(NAME), expanded by the kubelet), such
        // as the password inside MONGODB_URI, is read by the pod spec, not by the service.
        Set<String> referenced = environment.values().stream()
                .flatMap(v -> v.literal().stream())
                .flatMap(v -> REFERENCE.matcher(v).results().map(m -> m.group(1)))
                .collect(Collectors.toSet());
        List<String> unknown = environment.values().stream()
                .filter(v -> !read.contains(v.name()))
                .filter(v -> !referenced.contains(v.name()))
                .filter(v -> !Services.KNOWN_EXTRA_ENV.contains(v.name()))
                .filter(v -> Services.PLATFORM_ENV_PREFIXES.stream().noneMatch(v.name()::startsWith))
                .map(v -> v.name() + " (" + v.source() + ")")
                .toList();
        assertThat(unknown)
                .withFailMessage(
                        "%s: %s sets %s, which %s does not read (a typo? or a ConfigMap the service does not need);"
                                + " known extras: %s",
                        overlayName, service, unknown, config.file(), Services.KNOWN_EXTRA_ENV)
                .isEmpty();
    }

    /**
     * The kubelet expands {@code $(NAME)} only with variables defined before it (envFrom, then the
     * env entries above); any other reference stays in the value as the literal text.
     */
    @ForEachService
    void referencesOnlyVariablesDefinedBeforeThem(String overlayName, String service) {
        Overlay overlay = Overlay.render(overlayName);
        Container container = overlay.container(service);
        Set<String> defined = new HashSet<>();
        container
                .getEnvFrom()
                .forEach(from -> overlay.named(
                                ConfigMap.class, from.getConfigMapRef().getName())
                        .ifPresent(m -> defined.addAll(m.getData().keySet())));
        List<String> dangling = new ArrayList<>();
        for (var env : container.getEnv()) {
            if (env.getValue() != null) {
                REFERENCE
                        .matcher(env.getValue())
                        .results()
                        .map(m -> m.group(1))
                        .filter(name -> !defined.contains(name))
                        .forEach(name -> dangling.add(env.getName() + " uses $(" + name + ")"));
            }
            defined.add(env.getName());
        }
        assertThat(dangling)
                .withFailMessage(
                        "%s: %s: %s, not defined before it (the pod would get the text itself)",
                        overlayName, service, dangling)
                .isEmpty();
    }

    @ForEachService
    void setsEveryVariableTheServiceCannotRunWithout(String overlayName, String service) {
        Overlay overlay = Overlay.render(overlayName);
        ServiceConfig config = ServiceConfig.of(service);
        Map<String, Variable> environment = overlay.environment(overlay.container(service));
        List<String> missing = new ArrayList<>();
        for (Placeholder placeholder : config.placeholders()) {
            Optional<String> reason = placeholder.unusableInContainerBecause();
            Variable variable = environment.get(placeholder.name());
            boolean set = variable != null
                    && (variable.fromSecret()
                            || variable.literal().filter(v -> !v.isBlank()).isPresent());
            if (reason.isPresent() && !set) {
                missing.add(placeholder.name() + " (" + config.file() + " reads " + placeholder + " and " + reason.get()
                        + ")");
            }
        }
        assertThat(missing)
                .withFailMessage("%s: %s must set:%n  %s", overlayName, service, String.join("\n  ", missing))
                .isEmpty();
    }

    @ForEachService
    void httpAddressesPointAtServicesOfTheOverlay(String overlayName, String service) {
        Overlay overlay = Overlay.render(overlayName);
        ServiceConfig config = ServiceConfig.of(service);
        Map<String, Variable> environment = overlay.environment(overlay.container(service));
        var softly = new SoftAssertions();
        for (Placeholder placeholder : config.placeholders()) {
            Variable variable = environment.get(placeholder.name());
            String fallback = placeholder.defaultValue().orElse("");
            if (variable == null || variable.literal().isEmpty() || !fallback.startsWith("http://localhost:")) {
                continue;
            }
            if (overlayName.equals("prod") && placeholder.name().equals("ZIPKIN_ENDPOINT")) {
                // prod's collector is the operator's own (deploy/k8s/README.md, "Not here (yet)")
                continue;
            }
            URI expected = URI.create(fallback);
            URI actual = URI.create(variable.literal().get());
            Optional<Service> target = overlay.named(Service.class, actual.getHost());
            softly.assertThat(target.flatMap(s -> s.getSpec().getPorts().stream()
                            .filter(p -> p.getPort() == actual.getPort())
                            .findFirst()))
                    .withFailMessage(
                            "%s: %s sets %s=%s, but no Service %s with port %s is in the overlay",
                            overlayName, service, placeholder.name(), actual, actual.getHost(), actual.getPort())
                    .isPresent();
            softly.assertThat(actual.getPort())
                    .withFailMessage(
                            "%s: %s=%s, the service it names listens on %s (%s)",
                            service, placeholder.name(), actual, expected.getPort(), fallback)
                    .isEqualTo(expected.getPort());
            softly.assertThat(actual.getPath())
                    .as("%s: path of %s", service, placeholder.name())
                    .isEqualTo(expected.getPath());
        }
        softly.assertAll();
    }

    private static void checkProbe(
            SoftAssertions softly,
            String overlayName,
            String service,
            String kind,
            Probe probe,
            String path,
            Container container,
            int port) {
        softly.assertThat(probe).as("%s: %s of %s", overlayName, kind, service).isNotNull();
        if (probe == null) {
            return;
        }
        softly.assertThat(probe.getHttpGet())
                .as("%s: %s of %s is an HTTP GET", overlayName, kind, service)
                .isNotNull();
        if (probe.getHttpGet() == null) {
            return;
        }
        softly.assertThat(probe.getHttpGet().getPath())
                .withFailMessage(
                        "%s: %s of %s asks %s, the Actuator probe group is %s",
                        overlayName, kind, service, probe.getHttpGet().getPath(), path)
                .isEqualTo(path);
        softly.assertThat(targetsPort(probe.getHttpGet().getPort(), container, port))
                .withFailMessage(
                        "%s: %s of %s asks port %s, the service listens on %s",
                        overlayName, kind, service, probe.getHttpGet().getPort(), port)
                .isTrue();
    }

    private static boolean targetsPort(IntOrString target, Container container, int port) {
        if (target == null) {
            return false;
        }
        if (target.getIntVal() != null) {
            return target.getIntVal() == port;
        }
        return container.getPorts().stream()
                .anyMatch(p -> target.getStrVal().equals(p.getName()) && p.getContainerPort() == port);
    }

    static Map<String, String> literals(Map<String, Variable> environment) {
        return environment.values().stream()
                .filter(v -> v.literal().isPresent())
                .collect(Collectors.toMap(Variable::name, v -> v.literal().get()));
    }
}
