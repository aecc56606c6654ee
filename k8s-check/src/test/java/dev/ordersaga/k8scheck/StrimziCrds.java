package dev.ordersaga.k8scheck;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.ordersaga.configreaders.Repo;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The CustomResourceDefinitions of the Strimzi version that deploy/k8s/install-strimzi.sh installs,
 * vendored in src/test/resources/strimzi-crds/&lt;version&gt;/ (k8s-check/strimzi/vendor-crds.sh
 * generates them from that version's io.strimzi:api, as Strimzi's build makes its install files):
 * which API versions of a kind the cluster serves, and each version's schema.
 */
final class StrimziCrds {

    static final String INSTALL_SCRIPT = "deploy/k8s/install-strimzi.sh";
    static final String VENDORED = "k8s-check/src/test/resources/strimzi-crds";

    private static final Pattern VERSION_LINE = Pattern.compile("(?m)^STRIMZI_VERSION=([0-9][0-9.]*)$");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4);

    private final String version;
    private final Map<String, Map<String, Object>> byKind;

    private StrimziCrds(String version, Map<String, Map<String, Object>> byKind) {
        this.version = version;
        this.byKind = byKind;
    }

    /** The CRDs of the version the install script pins. */
    static StrimziCrds installed() {
        return of(installedVersion());
    }

    static String installedVersion() {
        Matcher matcher = VERSION_LINE.matcher(Repo.read(INSTALL_SCRIPT));
        if (!matcher.find()) {
            throw new AssertionError(INSTALL_SCRIPT + " pins no STRIMZI_VERSION=<x.y.z>");
        }
        return matcher.group(1);
    }

    /** The version of the io.strimzi:api model on the test classpath (k8s-check/pom.xml). */
    static String modelVersion() {
        try (InputStream in = StrimziCrds.class.getResourceAsStream("/META-INF/maven/io.strimzi/api/pom.properties")) {
            if (in == null) {
                throw new AssertionError("io.strimzi:api is not on the test classpath");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static StrimziCrds of(String version) {
        Path dir = Repo.path(VENDORED).resolve(version);
        if (!Files.isDirectory(dir)) {
            throw new AssertionError("no CRDs of Strimzi " + version + " in " + dir
                    + ": run k8s-check/strimzi/vendor-crds.sh " + version);
        }
        Map<String, Map<String, Object>> byKind = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                Map<String, Object> crd =
                        map(new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file)));
                byKind.put(String.valueOf(map(map(crd.get("spec")).get("names")).get("kind")), crd);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new StrimziCrds(version, byKind);
    }

    String version() {
        return version;
    }

    /** {@code group/version} pairs served for a kind, e.g. {@code kafka.strimzi.io/v1}; empty for an unknown kind. */
    List<String> servedApiVersions(String kind) {
        Map<String, Object> crd = byKind.get(kind);
        if (crd == null) {
            return List.of();
        }
        String group = String.valueOf(map(crd.get("spec")).get("group"));
        return versions(crd).stream()
                .filter(v -> Boolean.TRUE.equals(v.get("served")))
                .map(v -> group + "/" + v.get("name"))
                .toList();
    }

    /**
     * What the API server would refuse in {@code resource} (a parsed manifest) for its apiVersion:
     * the version's openAPIV3Schema as a JSON schema, with the field validation kubectl asks for by
     * default ({@code --validate=strict}: a field the schema does not declare is an error, except
     * below {@code x-kubernetes-preserve-unknown-fields}).
     */
    List<String> violations(Map<String, Object> resource) {
        String kind = String.valueOf(resource.get("kind"));
        String apiVersion = String.valueOf(resource.get("apiVersion"));
        Optional<Map<String, Object>> served = Optional.ofNullable(byKind.get(kind))
                .flatMap(crd -> versions(crd).stream()
                        .filter(v -> apiVersion.endsWith("/" + v.get("name")))
                        .filter(v -> Boolean.TRUE.equals(v.get("served")))
                        .findFirst());
        if (served.isEmpty()) {
            return List.of(kind + " " + apiVersion + " is not served by Strimzi " + version + " (served: "
                    + servedApiVersions(kind) + ")");
        }
        Object openApi = map(map(served.get().get("schema")).get("openAPIV3Schema"));
        Schema schema;
        try {
            schema = SCHEMAS.getSchema(JSON.writeValueAsString(strict(openApi)), InputFormat.JSON);
            List<String> violations = new ArrayList<>();
            for (Error error : schema.validate(JSON.writeValueAsString(resource), InputFormat.JSON)) {
                violations.add(error.toString());
            }
            return violations;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A copy of a structural schema where every object with declared properties allows no others. */
    static Object strict(Object node) {
        if (node instanceof List<?> list) {
            return list.stream().map(StrimziCrds::strict).toList();
        }
        if (!(node instanceof Map<?, ?> map)) {
            return node;
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((key, value) -> copy.put(String.valueOf(key), strict(value)));
        if (copy.containsKey("properties")
                && !copy.containsKey("additionalProperties")
                && !Boolean.TRUE.equals(copy.get("x-kubernetes-preserve-unknown-fields"))) {
            copy.put("additionalProperties", false);
        }
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> versions(Map<String, Object> crd) {
        return (List<Map<String, Object>>) map(crd.get("spec")).get("versions");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        return node instanceof Map<?, ?> ? (Map<String, Object>) node : Map.of();
    }
}
