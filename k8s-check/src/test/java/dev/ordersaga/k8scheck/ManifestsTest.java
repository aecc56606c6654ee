package dev.ordersaga.k8scheck;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Every object of each overlay is one the models know (fabric8's for Kubernetes, Strimzi's own
 * for its kinds), without a field they do not know: a misspelt field ({@code readinesProbe},
 * {@code minInsyncReplicas}) would otherwise be dropped without a word. There is no cluster and no
 * schema validator here; the models are the schema.
 */
class ManifestsTest {

    private static final List<String> MODEL_PACKAGES = List.of("io.fabric8.kubernetes.api.model", "io.strimzi.api");

    /** Strimzi's kinds, parsed into Strimzi's own model (io.strimzi:api) to check their fields too. */
    private static final Map<String, Class<? extends HasMetadata>> STRIMZI_KINDS = Map.of(
            "Kafka", Kafka.class,
            "KafkaNodePool", KafkaNodePool.class,
            "KafkaTopic", KafkaTopic.class,
            "KafkaUser", KafkaUser.class);

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @ForEachOverlay
    void everyFieldIsOneTheKubernetesModelKnows(String overlayName) {
        Overlay overlay = Overlay.render(overlayName);
        List<String> unknown = new ArrayList<>();
        for (HasMetadata resource : overlay.resources()) {
            HasMetadata typed = resource;
            if (resource instanceof GenericKubernetesResource custom) {
                assertThat(custom.getApiVersion())
                        .as("%s: %s %s is of a kind no model knows", overlayName, custom.getKind(), name(custom))
                        .startsWith("kafka.strimzi.io/");
                assertThat(STRIMZI_KINDS)
                        .as("%s: Strimzi kind %s", overlayName, custom.getKind())
                        .containsKey(custom.getKind());
                typed = MAPPER.convertValue(custom, STRIMZI_KINDS.get(custom.getKind()));
            }
            collectUnknown(typed, resource.getKind() + " " + name(resource), unknown);
        }
        assertThat(unknown)
                .withFailMessage("%s: fields the models do not know:%n  %s", overlayName, String.join("\n  ", unknown))
                .isEmpty();
    }

    private static void collectUnknown(Object node, String path, List<String> unknown) {
        if (node instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                collectUnknown(item, path + "[" + i++ + "]", unknown);
            }
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> collectUnknown(value, path + "." + key, unknown));
            return;
        }
        if (node == null || MODEL_PACKAGES.stream().noneMatch(node.getClass().getPackageName()::startsWith)) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            // bridge methods (CustomResource's generic getSpec()) would visit the same field twice
            if (getter.getParameterCount() != 0
                    || getter.isBridge()
                    || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get")
                    || getter.getName().equals("getClass")) {
                continue;
            }
            Object value = invoke(getter, node);
            if (getter.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    unknown.add(path + ": " + extra.keySet());
                }
            } else {
                collectUnknown(value, path + "." + property(getter), unknown);
            }
        }
    }

    private static Object invoke(Method getter, Object target) {
        try {
            return getter.invoke(target);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + getter, e);
        }
    }

    private static String property(Method getter) {
        String name = getter.getName().substring(3);
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    private static String name(HasMetadata resource) {
        return resource.getMetadata() == null ? "?" : resource.getMetadata().getName();
    }
}
