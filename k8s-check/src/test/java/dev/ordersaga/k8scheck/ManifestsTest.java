package dev.ordersaga.k8scheck;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every Kubernetes object of each overlay is one the model knows, without a field it does not
 * know: a misspelt field ({@code readinesProbe}) would otherwise be dropped by the API server
 * without a word. There is no cluster and no schema validator here; the model is the schema.
 */
class ManifestsTest {

    private static final String MODEL_PACKAGE = "io.fabric8.kubernetes.api.model";

    static Stream<String> overlays() {
        return Overlay.names();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everyFieldIsOneTheKubernetesModelKnows(String overlayName) {
        Overlay overlay = Overlay.render(overlayName);
        List<String> unknown = new ArrayList<>();
        for (HasMetadata resource : overlay.resources()) {
            if (resource instanceof GenericKubernetesResource custom) {
                // Strimzi's kinds: only their group may be unknown to the model
                assertThat(custom.getApiVersion())
                        .as(
                                "%s: %s %s is of a kind the model does not know",
                                overlayName, custom.getKind(), name(custom))
                        .startsWith("kafka.strimzi.io/");
                continue;
            }
            collectUnknown(resource, resource.getKind() + " " + name(resource), unknown);
        }
        assertThat(unknown)
                .withFailMessage(
                        "%s: fields Kubernetes does not know:%n  %s", overlayName, String.join("\n  ", unknown))
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
        if (node == null || !node.getClass().getPackageName().startsWith(MODEL_PACKAGE)) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0
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
