package dev.ordersaga.k8scheck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.configreaders.Repo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every custom resource of each overlay is one the Strimzi version that install-strimzi.sh
 * installs serves, and valid against that version's own CRD schema (vendored): the first version
 * used kafka.strimzi.io/v1beta2, which Strimzi 1.0 removed, while the README installed "latest".
 */
class StrimziTest {

    static final List<String> READMES = List.of("README.md", "deploy/k8s/README.md");

    @Test
    void one_strimzi_version_is_installed_modelled_and_vendored() {
        String installed = StrimziCrds.installedVersion();
        assertThat(StrimziCrds.modelVersion())
                .as("io.strimzi:api in k8s-check/pom.xml (strimzi-api.version) against %s", StrimziCrds.INSTALL_SCRIPT)
                .isEqualTo(installed);
        assertThat(StrimziCrds.of(installed).servedApiVersions("Kafka"))
                .as("vendored CRDs of Strimzi %s", installed)
                .isNotEmpty();
        for (String readme : READMES) {
            String text = Repo.read(readme);
            assertThat(text)
                    .as("%s installs Strimzi with install-strimzi.sh (pinned), never the moving 'latest'", readme)
                    .doesNotContain("install/latest")
                    .contains("install-strimzi.sh")
                    .contains("Strimzi " + installed);
        }
    }

    @ForEachOverlay
    void every_custom_resource_is_served_by_the_installed_strimzi_and_valid_against_its_crd(String overlayName) {
        Overlay overlay = Overlay.render(overlayName);
        StrimziCrds crds = StrimziCrds.installed();
        List<String> problems = new ArrayList<>();
        int custom = 0;
        for (Map<String, Object> document : overlay.documents()) {
            String apiVersion = String.valueOf(document.get("apiVersion"));
            if (!apiVersion.contains(".strimzi.io/")) {
                continue;
            }
            custom++;
            String what = document.get("kind") + " " + ((Map<?, ?>) document.get("metadata")).get("name");
            crds.violations(document).forEach(v -> problems.add(what + ": " + v));
        }
        assertThat(custom).as("%s: Strimzi resources", overlayName).isPositive();
        assertThat(problems)
                .withFailMessage(
                        "%s: refused by Strimzi %s's CRDs:%n  %s",
                        overlayName, crds.version(), String.join("\n  ", problems))
                .isEmpty();
    }

    @Test
    void the_schema_check_refuses_a_removed_api_version_a_misspelt_field_and_a_wrong_type() {
        StrimziCrds crds = StrimziCrds.installed();
        Map<String, Object> topic = Map.of(
                "apiVersion",
                "kafka.strimzi.io/v1",
                "kind",
                "KafkaTopic",
                "metadata",
                Map.of("name", "t", "labels", Map.of("strimzi.io/cluster", "c")),
                "spec",
                Map.of("partitions", 6, "replicas", 3));
        assertThat(crds.violations(topic)).isEmpty();

        assertThat(crds.violations(with(topic, "apiVersion", "kafka.strimzi.io/v1beta2")))
                .singleElement()
                .asString()
                .contains("not served");
        assertThat(crds.violations(with(topic, "spec", Map.of("partitions", 6, "replica", 3))))
                .singleElement()
                .asString()
                .contains("replica");
        assertThat(crds.violations(with(topic, "spec", Map.of("partitions", "six"))))
                .isNotEmpty();
        assertThat(crds.violations(with(topic, "kind", "KafkaConnect")))
                .singleElement()
                .asString()
                .contains("not served");
    }

    private static Map<String, Object> with(Map<String, Object> resource, String key, Object value) {
        Map<String, Object> copy = new java.util.LinkedHashMap<>(resource);
        copy.put(key, value);
        return copy;
    }
}
