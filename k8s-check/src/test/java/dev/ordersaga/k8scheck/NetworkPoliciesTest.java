package dev.ordersaga.k8scheck;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A NetworkPolicy lets through every call the services make to each other: each {@code http://}
 * address a service is given (AUTH_URL, JWKS_URI, ...) names a Service whose pods, if a policy
 * guards them, accept the caller's pods on that port.
 */
class NetworkPoliciesTest {

    @ForEachOverlay
    void everyCallBetweenTheServicesIsAllowed(String overlayName) {
        Overlay overlay = Overlay.render(overlayName);
        assertThat(overlay.all(NetworkPolicy.class))
                .as("%s: NetworkPolicies", overlayName)
                .isNotEmpty();
        List<String> blocked = new ArrayList<>();
        for (String caller : Services.modules()) {
            Map<String, String> callerLabels = ScalingTest.podLabels(overlay.deployment(caller));
            for (Map.Entry<String, String> variable : DeploymentsTest.literals(
                            overlay.environment(overlay.container(caller)))
                    .entrySet()) {
                if (!variable.getValue().startsWith("http://")) {
                    continue;
                }
                URI uri = URI.create(variable.getValue());
                Optional<Service> service = overlay.named(Service.class, uri.getHost());
                if (service.isEmpty()) {
                    continue; // DeploymentsTest fails for an address no Service serves
                }
                for (Deployment target : targets(overlay, service.get())) {
                    int containerPort = containerPort(service.get(), target, uri.getPort());
                    for (NetworkPolicy policy : overlay.all(NetworkPolicy.class)) {
                        if (guards(policy, target)
                                && !allows(
                                        policy,
                                        callerLabels,
                                        containerPort,
                                        target.getSpec()
                                                .getTemplate()
                                                .getSpec()
                                                .getContainers()
                                                .getFirst())) {
                            blocked.add(caller + " -> " + variable.getKey() + "=" + uri + ": NetworkPolicy "
                                    + policy.getMetadata().getName() + " refuses pods " + callerLabels + " on port "
                                    + containerPort + " of "
                                    + target.getMetadata().getName());
                        }
                    }
                }
            }
        }
        assertThat(blocked)
                .withFailMessage("%s: calls a NetworkPolicy blocks:%n  %s", overlayName, String.join("\n  ", blocked))
                .isEmpty();
    }

    private static List<Deployment> targets(Overlay overlay, Service service) {
        return overlay.all(Deployment.class).stream()
                .filter(d -> ScalingTest.podLabels(d)
                        .entrySet()
                        .containsAll(service.getSpec().getSelector().entrySet()))
                .toList();
    }

    private static int containerPort(Service service, Deployment target, int servicePort) {
        ServicePort port = service.getSpec().getPorts().stream()
                .filter(p -> p.getPort() == servicePort)
                .findFirst()
                .orElseThrow(() -> new AssertionError(
                        "Service " + service.getMetadata().getName() + " has no port " + servicePort));
        return resolve(
                        port.getTargetPort(),
                        target.getSpec().getTemplate().getSpec().getContainers().getFirst())
                .orElse(servicePort);
    }

    private static Optional<Integer> resolve(IntOrString port, Container container) {
        if (port == null) {
            return Optional.empty();
        }
        if (port.getIntVal() != null) {
            return Optional.of(port.getIntVal());
        }
        return container.getPorts().stream()
                .filter(p -> port.getStrVal().equals(p.getName()))
                .map(p -> p.getContainerPort())
                .findFirst();
    }

    static boolean guards(NetworkPolicy policy, Deployment target) {
        boolean ingress = policy.getSpec().getPolicyTypes().isEmpty()
                || policy.getSpec().getPolicyTypes().contains("Ingress");
        return ingress && ScalingTest.selects(policy.getSpec().getPodSelector(), ScalingTest.podLabels(target));
    }

    private static boolean allows(NetworkPolicy policy, Map<String, String> caller, int port, Container target) {
        for (NetworkPolicyIngressRule rule : policy.getSpec().getIngress()) {
            boolean fromCaller =
                    rule.getFrom().isEmpty() || rule.getFrom().stream().anyMatch(peer -> admits(peer, caller));
            boolean onPort = rule.getPorts().isEmpty()
                    || rule.getPorts().stream()
                            .anyMatch(p -> resolve(p.getPort(), target)
                                    .filter(n -> n == port)
                                    .isPresent());
            if (fromCaller && onPort) {
                return true;
            }
        }
        return false;
    }

    /** A peer of the same namespace (no namespaceSelector, no ipBlock) whose podSelector matches. */
    private static boolean admits(NetworkPolicyPeer peer, Map<String, String> caller) {
        return peer.getNamespaceSelector() == null
                && peer.getIpBlock() == null
                && peer.getPodSelector() != null
                && ScalingTest.selects(peer.getPodSelector(), caller);
    }
}
