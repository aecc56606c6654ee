package dev.ordersaga.k8scheck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.configreaders.Repo;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Every namespace a resource of an overlay names is created by that overlay, and the Strimzi
 * operator is installed to watch it: the first dev overlay put everything in order-saga-dev, which
 * nothing created, and Strimzi was told to watch another namespace. The dev overlay's Strimzi
 * install is dev-up.sh's (DevUpScriptTest runs it); every other overlay's is the README's
 * {@code install-strimzi.sh <namespace>} line.
 */
class NamespacesTest {

    static final String DEV = "dev";
    static final String K8S_README = "deploy/k8s/README.md";

    @ForEachOverlay
    void every_namespace_a_resource_names_is_created_by_the_overlay(String overlayName) {
        Overlay overlay = Overlay.render(overlayName);
        Set<String> created = overlay.all(Namespace.class).stream()
                .map(n -> n.getMetadata().getName())
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> named = overlay.resources().stream()
                .filter(r -> !(r instanceof Namespace))
                .map(r -> r.getMetadata().getNamespace())
                .map(n -> n == null ? "(none: the namespace of whoever applies it)" : n)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(created)
                .withFailMessage(
                        "%s: the resources are in the namespaces %s, the overlay creates %s: add a Namespace"
                                + " (and a namespace: line to its kustomization.yaml)",
                        overlayName, named, created)
                .containsAll(named)
                .containsExactly(namespace(overlayName));
    }

    @ForEachOverlay
    void the_strimzi_resources_live_where_the_documented_install_makes_strimzi_watch(String overlayName) {
        Overlay overlay = Overlay.render(overlayName);
        List<String> strimziNamespaces = overlay.resources().stream()
                .filter(r -> r.getApiVersion().contains(".strimzi.io/"))
                .map(HasMetadata::getMetadata)
                .map(m -> m.getNamespace())
                .distinct()
                .toList();
        assertThat(strimziNamespaces)
                .as("%s: namespaces of the Strimzi resources", overlayName)
                .containsExactly(namespace(overlayName));
        if (overlayName.equals(DEV)) {
            assertThat(DevUpScriptTest.dryRun().strimziNamespaces())
                    .as("dev-up.sh installs Strimzi watching")
                    .containsExactly(namespace(overlayName));
        } else {
            assertThat(Repo.read(K8S_README))
                    .as("%s tells how to install Strimzi for the %s overlay", K8S_README, overlayName)
                    .contains("deploy/k8s/install-strimzi.sh " + namespace(overlayName));
        }
    }

    /** The overlay's {@code namespace:} (kustomization.yaml), which kustomize sets on every resource. */
    static String namespace(String overlayName) {
        return Repo.read(Overlay.DIRECTORY + "/" + overlayName + "/kustomization.yaml")
                .lines()
                .filter(l -> l.startsWith("namespace:"))
                .map(l -> l.substring("namespace:".length()).trim())
                .findFirst()
                .orElseThrow(() -> new AssertionError(overlayName + "/kustomization.yaml has no namespace: line"));
    }
}
