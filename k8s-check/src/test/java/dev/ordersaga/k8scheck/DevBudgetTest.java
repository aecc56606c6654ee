package dev.ordersaga.k8scheck;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The dev overlay fits a laptop cluster: every pod it makes (Strimzi's Kafka node and entity
 * operator, and the Strimzi operator itself, included; every Deployment at its HPA's maximum; the
 * Jobs, which run at the same time at the start) requests at most {@link #MEMORY_BUDGET} of memory
 * and {@link #CPU_BUDGET} CPUs, the budget deploy/k8s/README.md documents. The first dev overlay
 * asked for about 14 GiB and 3.85 CPUs before the operators.
 */
class DevBudgetTest {

    static final BigDecimal GIB = BigDecimal.valueOf(1024L * 1024 * 1024);
    static final BigDecimal MEMORY_BUDGET = GIB.multiply(BigDecimal.valueOf(6));
    static final BigDecimal CPU_BUDGET = BigDecimal.valueOf(3);

    /**
     * The Strimzi cluster operator's own pod, which its release file creates, not deploy/k8s:
     * 060-Deployment-strimzi-cluster-operator.yaml of Strimzi 1.2.0 requests 200m CPU and 384Mi.
     */
    static final Requests STRIMZI_OPERATOR =
            new Requests(new BigDecimal("0.2"), BigDecimal.valueOf(384L * 1024 * 1024));

    @Test
    void the_dev_overlay_requests_fit_the_laptop_budget() {
        Overlay dev = Overlay.render(NamespacesTest.DEV);
        List<String> lines = new ArrayList<>();
        List<String> undeclared = new ArrayList<>();
        Requests total = STRIMZI_OPERATOR;
        lines.add(line("Strimzi cluster operator (its release file)", 1, STRIMZI_OPERATOR));
        for (Deployment deployment : dev.all(Deployment.class)) {
            String name = deployment.getMetadata().getName();
            int replicas = Math.max(
                    Optional.ofNullable(deployment.getSpec().getReplicas()).orElse(1),
                    dev.all(HorizontalPodAutoscaler.class).stream()
                            .filter(h ->
                                    h.getSpec().getScaleTargetRef().getName().equals(name))
                            .mapToInt(h -> h.getSpec().getMaxReplicas())
                            .max()
                            .orElse(0));
            total = total.plus(pod(
                    "Deployment " + name, deployment.getSpec().getTemplate().getSpec(), replicas, lines, undeclared));
        }
        for (StatefulSet set : dev.all(StatefulSet.class)) {
            total = total.plus(pod(
                    "StatefulSet " + set.getMetadata().getName(),
                    set.getSpec().getTemplate().getSpec(),
                    Optional.ofNullable(set.getSpec().getReplicas()).orElse(1),
                    lines,
                    undeclared));
        }
        for (Job job : dev.all(Job.class)) {
            total = total.plus(pod(
                    "Job " + job.getMetadata().getName(),
                    job.getSpec().getTemplate().getSpec(),
                    Optional.ofNullable(job.getSpec().getParallelism()).orElse(1),
                    lines,
                    undeclared));
        }
        for (GenericKubernetesResource pool : dev.custom("KafkaNodePool")) {
            int replicas = Custom.number(pool, "spec", "replicas").orElse(0);
            total = total.plus(strimzi(
                    "KafkaNodePool " + pool.getMetadata().getName(),
                    Custom.map(pool, "spec", "resources"),
                    replicas,
                    lines,
                    undeclared));
        }
        for (GenericKubernetesResource kafka : dev.custom("Kafka")) {
            for (String operator : List.of("topicOperator", "userOperator")) {
                if (Custom.field(kafka, "spec", "entityOperator", operator).isPresent()) {
                    total = total.plus(strimzi(
                            "Kafka " + kafka.getMetadata().getName() + " " + operator,
                            Custom.map(kafka, "spec", "entityOperator", operator, "resources"),
                            1,
                            lines,
                            undeclared));
                }
            }
        }
        lines.add(line("total", 1, total));
        System.out.println("dev overlay requests (replicas × per pod):\n  " + String.join("\n  ", lines));

        assertThat(undeclared)
                .withFailMessage(
                        "dev: every container requests memory and CPU (else the budget means nothing): %s", undeclared)
                .isEmpty();
        assertThat(total.memory())
                .withFailMessage(
                        "dev requests %.2f GiB of memory, the laptop budget is %s GiB:%n  %s",
                        total.memory().divide(GIB, 2, java.math.RoundingMode.HALF_UP),
                        MEMORY_BUDGET.divide(GIB),
                        String.join("\n  ", lines))
                .isLessThanOrEqualTo(MEMORY_BUDGET);
        assertThat(total.cpu())
                .withFailMessage(
                        "dev requests %s CPUs, the laptop budget is %s:%n  %s",
                        total.cpu(), CPU_BUDGET, String.join("\n  ", lines))
                .isLessThanOrEqualTo(CPU_BUDGET);
    }

    /** A pod's requests, as the scheduler counts them: its containers together, or its largest init container if more. */
    private static Requests pod(String what, PodSpec spec, int replicas, List<String> lines, List<String> undeclared) {
        Requests containers = Requests.NONE;
        for (Container container : spec.getContainers()) {
            containers = containers.plus(requests(what, container, undeclared));
        }
        Requests init = Requests.NONE;
        for (Container container : spec.getInitContainers()) {
            init = init.max(requests(what, container, undeclared));
        }
        Requests perPod = containers.max(init);
        lines.add(line(what, replicas, perPod));
        return perPod.times(replicas);
    }

    private static Requests requests(String what, Container container, List<String> undeclared) {
        Map<String, Quantity> requests =
                container.getResources() == null || container.getResources().getRequests() == null
                        ? Map.of()
                        : container.getResources().getRequests();
        if (!requests.containsKey("memory") || !requests.containsKey("cpu")) {
            undeclared.add(what + " container " + container.getName());
        }
        return Requests.of(requests.get("cpu"), requests.get("memory"));
    }

    private static Requests strimzi(
            String what, Map<String, Object> resources, int replicas, List<String> lines, List<String> undeclared) {
        Object requests = resources.get("requests");
        Map<?, ?> map = requests instanceof Map<?, ?> m ? m : Map.of();
        if (!map.containsKey("memory") || !map.containsKey("cpu")) {
            undeclared.add(what + " (spec resources.requests)");
        }
        Requests perPod = Requests.of(
                map.containsKey("cpu") ? new Quantity(String.valueOf(map.get("cpu"))) : null,
                map.containsKey("memory") ? new Quantity(String.valueOf(map.get("memory"))) : null);
        lines.add(line(what, replicas, perPod));
        return perPod.times(replicas);
    }

    private static String line(String what, int replicas, Requests requests) {
        return String.format(
                "%-55s %d × %5.0f MiB %5.0fm CPU",
                what,
                replicas,
                requests.memory().doubleValue() / (1024 * 1024),
                requests.cpu().doubleValue() * 1000);
    }

    /** CPUs and bytes. */
    record Requests(BigDecimal cpu, BigDecimal memory) {

        static final Requests NONE = new Requests(BigDecimal.ZERO, BigDecimal.ZERO);

        static Requests of(Quantity cpu, Quantity memory) {
            return new Requests(
                    cpu == null ? BigDecimal.ZERO : cpu.getNumericalAmount(),
                    memory == null ? BigDecimal.ZERO : memory.getNumericalAmount());
        }

        Requests plus(Requests other) {
            return new Requests(cpu.add(other.cpu), memory.add(other.memory));
        }

        Requests times(int n) {
            return new Requests(cpu.multiply(BigDecimal.valueOf(n)), memory.multiply(BigDecimal.valueOf(n)));
        }

        Requests max(Requests other) {
            return new Requests(cpu.max(other.cpu), memory.max(other.memory));
        }
    }
}
