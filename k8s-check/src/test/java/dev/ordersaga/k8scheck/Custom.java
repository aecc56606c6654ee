package dev.ordersaga.k8scheck;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Fields of a custom resource (Strimzi's), by path. */
final class Custom {

    private Custom() {}

    /** {@code field(resource, "spec", "kafka", "config")}: empty when any step is missing. */
    static Optional<Object> field(GenericKubernetesResource resource, String... path) {
        Object node = resource.getAdditionalProperties();
        for (String step : path) {
            if (!(node instanceof Map<?, ?> map) || !map.containsKey(step)) {
                return Optional.empty();
            }
            node = map.get(step);
        }
        return Optional.ofNullable(node);
    }

    static String text(GenericKubernetesResource resource, String... path) {
        return field(resource, path).map(String::valueOf).orElse("");
    }

    static Optional<Integer> number(GenericKubernetesResource resource, String... path) {
        return field(resource, path).map(String::valueOf).map(Integer::valueOf);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(GenericKubernetesResource resource, String... path) {
        return field(resource, path)
                .filter(Map.class::isInstance)
                .map(m -> (Map<String, Object>) m)
                .orElse(Map.of());
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(GenericKubernetesResource resource, String... path) {
        return field(resource, path)
                .filter(List.class::isInstance)
                .map(l -> (List<Map<String, Object>>) l)
                .orElse(List.of());
    }

    static String cluster(GenericKubernetesResource resource) {
        Map<String, String> labels = resource.getMetadata().getLabels();
        return labels == null ? "" : labels.getOrDefault("strimzi.io/cluster", "");
    }
}
