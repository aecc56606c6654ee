package dev.ordersaga.k8scheck;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;

/**
 * A pod that trusts X-Forwarded-For from proxies ({@code AUTH_TRUSTED_PROXIES}, auth-service's
 * Tomcat RemoteIpValve) trusts the gateway on any cluster, whatever its pod range, and only the
 * saga's own pods can connect to it. The first version trusted 10.244.0.0/16 alone (kind's and
 * flannel's default): on k3s (10.42.0.0/16) or a cloud's ranges every login counted against the
 * gateway pod's address, one login limit for the whole shop.
 */
class TrustedProxiesTest {

    /** Pod addresses of common clusters: kind and kubeadm+flannel, k3s, Calico, EKS (VPC), GKE, Cilium, RFC 6598, IPv6. */
    static final List<String> POD_ADDRESSES = List.of(
            "10.244.1.7",
            "10.42.0.9",
            "192.168.12.34",
            "172.31.44.5",
            "172.16.0.3",
            "10.52.3.4",
            "10.0.1.5",
            "100.64.3.2",
            "100.127.255.1",
            "fd00:10:244:1:0:0:0:5",
            "fc00:0:0:0:0:0:0:2");

    /** No pod's: public, link-local, outside RFC 6598, global IPv6. */
    static final List<String> FOREIGN_ADDRESSES = List.of(
            "8.8.8.8",
            "1.1.1.1",
            "11.0.0.1",
            "100.128.0.1",
            "100.63.255.1",
            "172.32.0.1",
            "192.169.0.1",
            "169.254.1.1",
            "2001:db8:0:0:0:0:0:1",
            "fe80:0:0:0:0:0:0:1");

    @ForEachOverlay
    void a_trusting_pod_trusts_any_clusters_pod_range_and_only_the_sagas_pods_reach_it(String overlayName) {
        Overlay overlay = Overlay.render(overlayName);
        List<Deployment> trusting = overlay.all(Deployment.class).stream()
                .filter(d -> DeploymentsTest.literals(overlay.environment(
                                overlay.container(d.getMetadata().getName())))
                        .containsKey("AUTH_TRUSTED_PROXIES"))
                .toList();
        assertThat(trusting)
                .as("%s: Deployments with AUTH_TRUSTED_PROXIES", overlayName)
                .extracting(d -> d.getMetadata().getName())
                .contains("auth-service");
        var softly = new SoftAssertions();
        for (Deployment deployment : trusting) {
            String name = deployment.getMetadata().getName();
            Pattern trusted = Pattern.compile(DeploymentsTest.literals(overlay.environment(overlay.container(name)))
                    .get("AUTH_TRUSTED_PROXIES"));
            softly.assertThat(POD_ADDRESSES.stream()
                            .filter(a -> !trusted.matcher(a).matches()))
                    .as(
                            "%s: %s must trust the gateway whatever the cluster's pod range; it does not trust",
                            overlayName, name)
                    .isEmpty();
            softly.assertThat(FOREIGN_ADDRESSES.stream()
                            .filter(a -> trusted.matcher(a).matches()))
                    .as("%s: %s trusts addresses no pod has", overlayName, name)
                    .isEmpty();
            List<NetworkPolicy> guarding = overlay.all(NetworkPolicy.class).stream()
                    .filter(p -> NetworkPoliciesTest.guards(p, deployment))
                    .toList();
            softly.assertThat(guarding)
                    .as(
                            "%s: %s trusts every private address: a NetworkPolicy must keep other pods out",
                            overlayName, name)
                    .isNotEmpty();
            for (NetworkPolicy policy : guarding) {
                policy.getSpec().getIngress().forEach(rule -> {
                    softly.assertThat(rule.getFrom())
                            .as(
                                    "%s: NetworkPolicy %s admits everyone (no from)",
                                    overlayName, policy.getMetadata().getName())
                            .isNotEmpty();
                    rule.getFrom()
                            .forEach(peer -> softly.assertThat(onlySagaPods(peer))
                                    .as(
                                            "%s: NetworkPolicy %s admits %s: only the saga's own pods of this namespace may"
                                                    + " reach %s",
                                            overlayName, policy.getMetadata().getName(), peer, name)
                                    .isTrue());
                });
            }
        }
        softly.assertAll();
    }

    /** A peer of this namespace whose selector requires the label every pod of the saga carries. */
    private static boolean onlySagaPods(NetworkPolicyPeer peer) {
        LabelSelector selector = peer.getPodSelector();
        return peer.getIpBlock() == null
                && peer.getNamespaceSelector() == null
                && selector != null
                && selector.getMatchLabels() != null
                && Map.of("app.kubernetes.io/part-of", "order-saga").entrySet().stream()
                        .allMatch(e ->
                                e.getValue().equals(selector.getMatchLabels().get(e.getKey())));
    }
}
