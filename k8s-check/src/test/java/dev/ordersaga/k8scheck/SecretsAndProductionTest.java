package dev.ordersaga.k8scheck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.configreaders.Repo;
import dev.ordersaga.k8scheck.Overlay.Variable;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Credentials come from Secrets everywhere; prod holds no secret value at all and runs at least
 * two replicas of everything with the prod profile.
 */
class SecretsAndProductionTest {

    /** Names of variables that carry a credential. */
    private static final Pattern CREDENTIAL = Pattern.compile(".*(PASSWORD|SECRET|JAAS|TOKEN|CREDENTIAL).*");

    /** A connection string with a password written into it (not a $(VAR) reference). */
    private static final Pattern LITERAL_PASSWORD_IN_URI = Pattern.compile("://[^:/@]+:(?!\\$\\()[^@]+@");

    @ForEachOverlay
    void everyCredentialComesFromASecret(String overlayName) {
        Overlay overlay = Overlay.render(overlayName);
        List<String> problems = new ArrayList<>();
        for (Container container : containers(overlay)) {
            for (Variable variable : overlay.environment(container).values()) {
                String where = overlayName + ": " + container.getName() + " " + variable.name();
                if (CREDENTIAL.matcher(variable.name()).matches() && !variable.fromSecret()) {
                    problems.add(where + " is a credential written as a value (" + variable.source() + ")");
                }
                variable.literal()
                        .filter(v -> LITERAL_PASSWORD_IN_URI.matcher(v).find())
                        .ifPresent(v -> problems.add(where + " has a password written into it"));
            }
        }
        assertThat(problems)
                .withFailMessage("credentials outside Secrets:%n  %s", String.join("\n  ", problems))
                .isEmpty();
    }

    @Test
    void prodHoldsNoSecretValue() {
        Overlay prod = Overlay.render("prod");
        assertThat(prod.all(Secret.class).stream().map(s -> s.getMetadata().getName()))
                .withFailMessage(
                        "prod renders Secrets %s: it must only reference Secrets the operator creates",
                        prod.all(Secret.class).stream()
                                .map(s -> s.getMetadata().getName())
                                .toList())
                .isEmpty();
        Map<String, Object> kustomization = kustomization("prod");
        assertThat(kustomization)
                .as("prod/kustomization.yaml generates no Secret")
                .doesNotContainKey("secretGenerator");
    }

    @Test
    void devSecretLiteralsAreMarkedDevOnly() {
        Object generators = kustomization("dev").get("secretGenerator");
        assertThat(generators).as("dev secretGenerator").isInstanceOf(List.class);
        var softly = new SoftAssertions();
        for (Object generator : (List<?>) generators) {
            Map<?, ?> entry = (Map<?, ?>) generator;
            for (Object literal : (List<?>) entry.get("literals")) {
                String[] keyValue = String.valueOf(literal).split("=", 2);
                String value = keyValue[1];
                if (keyValue[0].equals("username")) {
                    continue;
                }
                // the keyfile must be base64: its decoded text carries the mark
                String marked = keyValue[0].equals("keyfile")
                        ? new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8)
                        : value;
                softly.assertThat(marked)
                        .withFailMessage(
                                "dev Secret %s key %s is not marked dev-only: %s",
                                entry.get("name"), keyValue[0], value)
                        .startsWith("dev-only");
            }
        }
        softly.assertAll();
    }

    @Test
    void prodRunsTwoReplicasOfEveryServiceWithTheProdProfile() {
        Overlay prod = Overlay.render("prod");
        var softly = new SoftAssertions();
        for (String service : Services.scaled()) {
            Deployment deployment = prod.deployment(service);
            softly.assertThat(deployment.getSpec().getReplicas())
                    .as("prod: replicas of %s", service)
                    .isGreaterThanOrEqualTo(2);
            softly.assertThat(ScalingTest.autoscaler(prod, service).getSpec().getMinReplicas())
                    .as("prod: minReplicas of %s's autoscaler", service)
                    .isGreaterThanOrEqualTo(2);
            Map<String, String> environment = DeploymentsTest.literals(prod.environment(prod.container(service)));
            softly.assertThat(environment.get("SPRING_PROFILES_ACTIVE"))
                    .as("prod: SPRING_PROFILES_ACTIVE of %s", service)
                    .isEqualTo("prod");
            softly.assertThat(Double.parseDouble(environment.getOrDefault("TRACING_SAMPLING_PROBABILITY", "1")))
                    .as("prod: TRACING_SAMPLING_PROBABILITY of %s", service)
                    .isLessThan(1.0);
            String image = prod.container(service).getImage();
            softly.assertThat(image)
                    .as("prod: a released image of %s, no snapshot", service)
                    .doesNotContain("SNAPSHOT")
                    .doesNotEndWith(":latest");
        }
        softly.assertAll();
    }

    /**
     * Every auth-service replica signs with the same key: a key per pod would leave the tokens of
     * one replica unverifiable against another's JWKS. In prod the file is a key of the Secret
     * mounted at its directory; in dev (one replica) a writable volume where it is created.
     */
    @ForEachOverlay
    void authServiceSigningKeyIsOnAVolume(String overlayName) {
        Overlay overlay = Overlay.render(overlayName);
        Container auth = overlay.container("auth-service");
        String keyPath = Optional.ofNullable(overlay.environment(auth).get("JWT_KEY_PATH"))
                .flatMap(Variable::literal)
                .orElseThrow(() -> new AssertionError(overlayName + ": auth-service sets no JWT_KEY_PATH"));
        String directory = keyPath.substring(0, keyPath.lastIndexOf('/'));
        String file = keyPath.substring(keyPath.lastIndexOf('/') + 1);
        VolumeMount mount = auth.getVolumeMounts().stream()
                .filter(m -> m.getMountPath().equals(directory))
                .findFirst()
                .orElseThrow(() -> new AssertionError(
                        overlayName + ": JWT_KEY_PATH " + keyPath + " is on no volume of auth-service"));
        Volume volume = overlay.deployment("auth-service").getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(v -> v.getName().equals(mount.getName()))
                .findFirst()
                .orElseThrow();
        if (overlayName.equals("prod")) {
            assertThat(volume.getSecret())
                    .withFailMessage(
                            "prod: the signing key must come from a Secret, volume %s is %s", volume.getName(), volume)
                    .isNotNull();
            assertThat(volume.getSecret().getItems().isEmpty()
                            || volume.getSecret().getItems().stream()
                                    .anyMatch(i -> i.getPath().equals(file)))
                    .as("prod: the Secret volume holds %s", file)
                    .isTrue();
        } else {
            assertThat(Boolean.TRUE.equals(mount.getReadOnly()))
                    .withFailMessage(
                            "%s: auth-service creates its key at %s, but the mount is read-only", overlayName, keyPath)
                    .isFalse();
            assertThat(overlay.deployment("auth-service").getSpec().getReplicas())
                    .as("%s: a key created per pod works for one replica only", overlayName)
                    .isEqualTo(1);
        }
    }

    @Test
    void devSamplesEveryTrace() {
        Overlay dev = Overlay.render("dev");
        for (String service : Services.modules()) {
            assertThat(DeploymentsTest.literals(dev.environment(dev.container(service)))
                            .get("TRACING_SAMPLING_PROBABILITY"))
                    .as("dev: TRACING_SAMPLING_PROBABILITY of %s", service)
                    .isEqualTo("1.0");
        }
    }

    private static List<Container> containers(Overlay overlay) {
        List<Container> containers = new ArrayList<>();
        overlay.all(Deployment.class)
                .forEach(d ->
                        containers.addAll(d.getSpec().getTemplate().getSpec().getContainers()));
        overlay.all(StatefulSet.class)
                .forEach(s ->
                        containers.addAll(s.getSpec().getTemplate().getSpec().getContainers()));
        overlay.all(Job.class)
                .forEach(j ->
                        containers.addAll(j.getSpec().getTemplate().getSpec().getContainers()));
        return containers;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> kustomization(String overlayName) {
        Object loaded = new Yaml(new SafeConstructor(new LoaderOptions()))
                .load(Repo.read(Overlay.DIRECTORY + "/" + overlayName + "/kustomization.yaml"));
        return Optional.ofNullable((Map<String, Object>) loaded).orElse(Map.of());
    }
}
