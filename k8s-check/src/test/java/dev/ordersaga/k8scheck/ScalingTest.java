package dev.ordersaga.k8scheck;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each service's PodDisruptionBudget and HorizontalPodAutoscaler: they act on its Deployment's
 * pods, and the autoscaler never adds consumers that the topics' partitions would leave idle.
 */
class ScalingTest {

    static Stream<Arguments> overlaysAndServices() {
        return Services.overlaysAndScaledServices();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("overlaysAndServices")
    void disruptionBudgetSelectsThePodsOfItsDeploymentOnly(String overlayName, String service) {
        Overlay overlay = Overlay.render(overlayName);
        Optional<PodDisruptionBudget> budget = overlay.named(PodDisruptionBudget.class, service);
        assertThat(budget)
                .as("%s: PodDisruptionBudget %s", overlayName, service)
                .isPresent();
        LabelSelector selector = budget.get().getSpec().getSelector();
        var softly = new SoftAssertions();
        for (Deployment deployment : overlay.all(Deployment.class)) {
            boolean selected = selects(selector, podLabels(deployment));
            boolean own = deployment.getMetadata().getName().equals(service);
            softly.assertThat(selected)
                    .withFailMessage(
                            "%s: PodDisruptionBudget %s (selector %s) %s the pods of Deployment %s (labels %s)",
                            overlayName,
                            service,
                            selector.getMatchLabels(),
                            own ? "does not select" : "also selects",
                            deployment.getMetadata().getName(),
                            podLabels(deployment))
                    .isEqualTo(own);
        }
        softly.assertThat(budget.get().getSpec().getMaxUnavailable() != null
                        || budget.get().getSpec().getMinAvailable() != null)
                .as("%s: PodDisruptionBudget %s has a budget", overlayName, service)
                .isTrue();
        softly.assertAll();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("overlaysAndServices")
    void autoscalerScalesItsDeploymentOnCpu(String overlayName, String service) {
        Overlay overlay = Overlay.render(overlayName);
        HorizontalPodAutoscaler hpa = autoscaler(overlay, service);
        var softly = new SoftAssertions();
        softly.assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
        softly.assertThat(hpa.getSpec().getScaleTargetRef().getApiVersion()).isEqualTo("apps/v1");
        softly.assertThat(hpa.getSpec().getScaleTargetRef().getName())
                .withFailMessage(
                        "%s: HorizontalPodAutoscaler %s scales %s",
                        overlayName, service, hpa.getSpec().getScaleTargetRef().getName())
                .isEqualTo(service);
        List<MetricSpec> metrics = hpa.getSpec().getMetrics();
        softly.assertThat(metrics)
                .withFailMessage(
                        "%s: HorizontalPodAutoscaler %s does not scale on CPU: %s", overlayName, service, metrics)
                .anySatisfy(m -> {
                    assertThat(m.getType()).isEqualTo("Resource");
                    assertThat(m.getResource().getName()).isEqualTo("cpu");
                    assertThat(m.getResource().getTarget().getType()).isEqualTo("Utilization");
                });
        int min = Optional.ofNullable(hpa.getSpec().getMinReplicas()).orElse(1);
        softly.assertThat(hpa.getSpec().getMaxReplicas())
                .as("%s: %s maxReplicas >= minReplicas", overlayName, service)
                .isGreaterThanOrEqualTo(min);
        // CPU utilization is measured against the requests: without them the autoscaler does nothing
        softly.assertThat(Optional.ofNullable(
                                overlay.container(service).getResources().getRequests())
                        .map(r -> r.get("cpu")))
                .as("%s: %s requests CPU (the autoscaler's measure)", overlayName, service)
                .isPresent();
        softly.assertThat(Optional.ofNullable(
                                overlay.container(service).getResources().getLimits())
                        .map(r -> r.get("memory")))
                .as("%s: %s has a memory limit (the JVM sizes its heap to it)", overlayName, service)
                .isPresent();
        softly.assertAll();
    }

    /**
     * A consumer group has at most one consumer per partition at work: replicas x listener threads
     * beyond the partition count only sit idle. The gateway is the exception (every replica reads
     * all replies in a group of its own).
     */
    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("overlaysAndServices")
    void autoscalerAddsNoConsumerThePartitionsWouldLeaveIdle(String overlayName, String service) {
        if (service.equals("gateway")) {
            return;
        }
        Overlay overlay = Overlay.render(overlayName);
        Map<String, String> environment = DeploymentsTest.literals(overlay.environment(overlay.container(service)));
        // without the variable the threads follow the node's cores (saga-runtime's SagaKafkaVariables)
        assertThat(environment)
                .as("%s: %s states SAGA_KAFKA_LISTENER_THREADS", overlayName, service)
                .containsKey("SAGA_KAFKA_LISTENER_THREADS");
        int concurrency = Integer.parseInt(environment.get("SAGA_KAFKA_LISTENER_THREADS"));
        int maxReplicas = autoscaler(overlay, service).getSpec().getMaxReplicas();
        int partitions = KafkaTest.topicPartitions(overlay);
        assertThat(maxReplicas * concurrency)
                .withFailMessage(
                        "%s: %s scales to %s replicas x %s listener threads = %s consumers per topic, more than its %s"
                                + " partitions (lower maxReplicas or grow the partitions: deploy/k8s/README.md)",
                        overlayName, service, maxReplicas, concurrency, maxReplicas * concurrency, partitions)
                .isLessThanOrEqualTo(partitions);
    }

    static HorizontalPodAutoscaler autoscaler(Overlay overlay, String service) {
        return overlay.named(HorizontalPodAutoscaler.class, service)
                .orElseThrow(() -> new AssertionError(overlay.name() + ": no HorizontalPodAutoscaler " + service));
    }

    static Map<String, String> podLabels(Deployment deployment) {
        return Optional.ofNullable(
                        deployment.getSpec().getTemplate().getMetadata().getLabels())
                .orElse(Map.of());
    }

    /** matchLabels only: the manifests use no matchExpressions (a selector with them fails here). */
    static boolean selects(LabelSelector selector, Map<String, String> labels) {
        assertThat(selector.getMatchExpressions()).as("matchExpressions").isNullOrEmpty();
        return selector.getMatchLabels() != null
                && !selector.getMatchLabels().isEmpty()
                && labels.entrySet().containsAll(selector.getMatchLabels().entrySet());
    }
}
