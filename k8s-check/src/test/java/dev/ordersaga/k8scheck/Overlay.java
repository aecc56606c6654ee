package dev.ordersaga.k8scheck;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ordersaga.configreaders.Repo;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * One overlay of deploy/k8s, rendered by {@code kubectl kustomize} (what {@code kubectl apply -k}
 * would send) and parsed with the fabric8 model: Kubernetes kinds as their model classes, the
 * Strimzi kinds as {@link GenericKubernetesResource}.
 */
final class Overlay {

    static final String DIRECTORY = "deploy/k8s/overlays";

    private static final Map<String, Overlay> RENDERED = new ConcurrentHashMap<>();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String name;
    private final List<HasMetadata> resources;
    private final List<Map<String, Object>> documents;

    private Overlay(String name, List<Map<String, Object>> documents) {
        this.name = name;
        this.documents = documents;
        this.resources = parse(documents);
    }

    /** The overlays in deploy/k8s/overlays (no kubectl needed to list them). */
    static Stream<String> names() {
        try (Stream<Path> dirs = Files.list(Repo.path(DIRECTORY))) {
            return dirs
                    .filter(d -> Files.isRegularFile(d.resolve("kustomization.yaml")))
                    .map(d -> d.getFileName().toString())
                    .sorted()
                    .toList()
                    .stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The rendered overlay; skips the calling test (an assumption) when kubectl is not on the PATH. */
    static Overlay render(String name) {
        Assumptions.assumeTrue(
                kubectl().isPresent(), "kubectl is not on the PATH: the Kubernetes manifests are not checked");
        return RENDERED.computeIfAbsent(name, Overlay::renderWithKubectl);
    }

    static Optional<Path> kubectl() {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, "kubectl"))
                .filter(Files::isExecutable)
                .findFirst();
    }

    private static Overlay renderWithKubectl(String name) {
        Path dir = Repo.path(DIRECTORY).resolve(name);
        try {
            Path errors = Files.createTempFile("kustomize-" + name, ".err");
            Process process = new ProcessBuilder(kubectl().orElseThrow().toString(), "kustomize", dir.toString())
                    .redirectError(errors.toFile())
                    .start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("kubectl kustomize " + dir + " did not finish in 2 minutes");
            }
            if (process.exitValue() != 0) {
                throw new AssertionError("kubectl kustomize " + dir + " failed (" + process.exitValue() + "): "
                        + Files.readString(errors));
            }
            Files.deleteIfExists(errors);
            return new Overlay(name, documents(output));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run kubectl kustomize " + dir, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The YAML documents of a multi-document stream, as maps. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> documents(String yaml) {
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(yaml)) {
            if (document instanceof Map<?, ?> map) {
                documents.add((Map<String, Object>) map);
            } else if (document != null) {
                throw new AssertionError("not a Kubernetes object: " + document);
            }
        }
        return List.copyOf(documents);
    }

    static List<HasMetadata> parse(List<Map<String, Object>> documents) {
        List<HasMetadata> parsed = new ArrayList<>();
        for (Map<String, Object> document : documents) {
            KubernetesResource resource = MAPPER.convertValue(document, KubernetesResource.class);
            if (!(resource instanceof HasMetadata withMetadata)) {
                throw new AssertionError("not a Kubernetes object: " + document);
            }
            parsed.add(withMetadata);
        }
        return List.copyOf(parsed);
    }

    String name() {
        return name;
    }

    List<HasMetadata> resources() {
        return resources;
    }

    /** The rendered objects as kubectl kustomize wrote them (maps), in the same order as {@link #resources()}. */
    List<Map<String, Object>> documents() {
        return documents;
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return resources.stream()
                .filter(r -> type.equals(r.getClass()))
                .map(type::cast)
                .toList();
    }

    <T extends HasMetadata> Optional<T> named(Class<T> type, String resourceName) {
        return all(type).stream()
                .filter(r -> r.getMetadata().getName().equals(resourceName))
                .findFirst();
    }

    /** Custom resources (Strimzi's) of one kind. */
    List<GenericKubernetesResource> custom(String kind) {
        return all(GenericKubernetesResource.class).stream()
                .filter(r -> r.getKind().equals(kind))
                .toList();
    }

    Deployment deployment(String service) {
        return named(Deployment.class, service)
                .orElseThrow(() -> new AssertionError(name + ": no Deployment " + service + "; there are "
                        + all(Deployment.class).stream()
                                .map(d -> d.getMetadata().getName())
                                .toList()));
    }

    /** A service's container: the one named after the Deployment. */
    Container container(String service) {
        return deployment(service).getSpec().getTemplate().getSpec().getContainers().stream()
                .filter(c -> c.getName().equals(service))
                .findFirst()
                .orElseThrow(
                        () -> new AssertionError(name + ": Deployment " + service + " has no container " + service));
    }

    /**
     * The environment a container gets: each ConfigMap of its envFrom, then its env (which wins),
     * by name. A ConfigMap missing from the overlay fails.
     */
    Map<String, Variable> environment(Container container) {
        Map<String, Variable> variables = new LinkedHashMap<>();
        for (EnvFromSource from : container.getEnvFrom()) {
            if (from.getConfigMapRef() == null) {
                throw new AssertionError(
                        name + ": " + container.getName() + " takes envFrom other than a ConfigMap: " + from);
            }
            String mapName = from.getConfigMapRef().getName();
            ConfigMap map = named(ConfigMap.class, mapName)
                    .orElseThrow(() -> new AssertionError(
                            name + ": " + container.getName() + " reads ConfigMap " + mapName + ", which is missing"));
            map.getData()
                    .forEach(
                            (key, value) -> variables.put(key, new Variable(key, value, null, "ConfigMap " + mapName)));
        }
        for (EnvVar env : container.getEnv()) {
            SecretKeySelector secret =
                    env.getValueFrom() == null ? null : env.getValueFrom().getSecretKeyRef();
            if (env.getValueFrom() != null && secret == null) {
                throw new AssertionError(name + ": " + container.getName() + " takes " + env.getName()
                        + " from neither a value nor a" + " Secret: " + env.getValueFrom());
            }
            variables.put(env.getName(), new Variable(env.getName(), env.getValue(), secret, "env"));
        }
        return variables;
    }

    /** A variable of a container: a literal value, or a key of a Secret. */
    record Variable(String name, String value, SecretKeySelector secret, String source) {

        boolean fromSecret() {
            return secret != null;
        }

        /** The literal value, empty for a Secret's. */
        Optional<String> literal() {
            return Optional.ofNullable(value);
        }
    }
}
