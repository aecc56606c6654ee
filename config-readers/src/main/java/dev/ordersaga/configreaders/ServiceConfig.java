package dev.ordersaga.configreaders;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * A service module's {@code src/main/resources/application.yml}: its properties (the documents
 * without a profile, as they run by default) and the environment placeholders
 * ({@code ${NAME}} / {@code ${NAME:default}}) it reads.
 */
public final class ServiceConfig {

    public static final String LOCATION = "src/main/resources/application.yml";

    /**
     * Defaults every service gets from service-support (tracing: the Zipkin endpoint, sampling),
     * read like the service's own application.yml when the file exists.
     */
    public static final String SHARED_DEFAULTS = "service-support/src/main/resources/ordersaga-observability.yml";

    private static final Pattern ENV_NAME = Pattern.compile("[A-Z][A-Z0-9_]*");

    private final String module;
    private final String text;
    private final Map<String, Object> properties;

    private ServiceConfig(String module, String text) {
        this.module = module;
        this.text = text;
        this.properties = mergeDocumentsWithoutProfile(text);
    }

    public static boolean existsFor(String module) {
        return Repo.exists(file(module));
    }

    public static ServiceConfig of(String module) {
        return new ServiceConfig(module, Repo.read(file(module)));
    }

    /**
     * Whether a module is built on saga-runtime (its pom names it), and so reads saga-runtime's
     * {@code SAGA_KAFKA_*} variables besides its application.yml.
     */
    public static boolean usesSagaRuntime(String module) {
        return Repo.read(module + "/pom.xml").contains("<artifactId>saga-runtime</artifactId>");
    }

    /** Where a module's application.yml is, relative to the repository root. */
    public static String file(String module) {
        return module + "/" + LOCATION;
    }

    public String module() {
        return module;
    }

    public String file() {
        return file(module);
    }

    /** A property by its dotted name (nested keys or keys written with dots), as written. */
    public Optional<Object> property(String dottedName) {
        return lookup(properties, dottedName);
    }

    /** A property's value with every {@code ${NAME:default}} replaced by its default. */
    public Optional<String> propertyDefault(String dottedName) {
        return property(dottedName).map(value -> withDefaults(String.valueOf(value)));
    }

    /**
     * A property's value as a process with this environment gets it: each placeholder replaced by the
     * variable's value when the environment sets it, else by its default.
     */
    public Optional<String> propertyWith(String dottedName, Map<String, String> environment) {
        return property(dottedName).map(value -> resolve(String.valueOf(value), environment));
    }

    private static String resolve(String value, Map<String, String> environment) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < value.length()) {
            int start = value.indexOf("${", i);
            if (start < 0) {
                out.append(value, i, value.length());
                break;
            }
            int end = matchingBrace(value, start);
            out.append(value, i, start);
            String inner = value.substring(start + 2, end);
            int colon = defaultSeparator(inner);
            String name = colon < 0 ? inner : inner.substring(0, colon);
            if (environment.containsKey(name)) {
                out.append(environment.get(name));
            } else {
                out.append(colon < 0 ? "" : resolve(inner.substring(colon + 1), environment));
            }
            i = end + 1;
        }
        return out.toString();
    }

    /** The port the service listens on when SERVER_PORT is not set: {@code server.port}'s default. */
    public Optional<Integer> defaultPort() {
        return propertyDefault("server.port").filter(p -> p.matches("\\d+")).map(Integer::valueOf);
    }

    /**
     * Every {@code ${ENV_NAME}} / {@code ${ENV_NAME:default}} the file reads, in order, nested ones
     * too, then those of {@link #SHARED_DEFAULTS} if the service uses service-support.
     */
    public List<Placeholder> placeholders() {
        List<Placeholder> found = new ArrayList<>();
        collectPlaceholders(text, found);
        if (usesSharedDefaults()) {
            collectPlaceholders(Repo.read(SHARED_DEFAULTS), found);
        }
        return found;
    }

    /** Whether {@link #SHARED_DEFAULTS} exists and this service runs with service-support. */
    public boolean usesSharedDefaults() {
        return Repo.exists(SHARED_DEFAULTS)
                && Repo.withInternalDependencies(module).contains("service-support");
    }

    /** The placeholders of {@link #SHARED_DEFAULTS}; empty while it does not exist. */
    public static List<Placeholder> sharedPlaceholders() {
        List<Placeholder> found = new ArrayList<>();
        if (Repo.exists(SHARED_DEFAULTS)) {
            collectPlaceholders(Repo.read(SHARED_DEFAULTS), found);
        }
        return found;
    }

    public Optional<Placeholder> placeholder(String name) {
        return placeholders().stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** {@code ${NAME}} or {@code ${NAME:default}}; only environment-style (upper case) names. */
    public record Placeholder(String name, Optional<String> defaultValue) {

        /**
         * Why the default cannot work inside a container or pod (so its environment must set the
         * variable), or empty when the default is fine there.
         */
        public Optional<String> unusableInContainerBecause() {
            if (defaultValue.isEmpty()) {
                return Optional.of("it has no default");
            }
            String value = defaultValue.get();
            if (value.contains("localhost")
                    || value.contains("127.0.0.1")
                    || value.contains("[::1]")
                    || value.contains("127[.]0[.]0[.]1")) {
                return Optional.of(
                        "its default " + value + " points at localhost, which inside a container or pod is itself");
            }
            if (value.startsWith("./")
                    || value.startsWith("../")
                    || value.startsWith("~")
                    || value.contains(".stack/")) {
                return Optional.of("its default " + value
                        + " is a path relative to the working directory, which in the image is read-only"
                        + " application code and not on a volume");
            }
            return Optional.empty();
        }

        @Override
        public String toString() {
            return "${" + name + defaultValue.map(d -> ":" + d).orElse("") + "}";
        }
    }

    /** {@code ${A:x}} becomes {@code x}; {@code ${A}} becomes empty. */
    public static String withDefaults(String value) {
        return resolve(value, Map.of());
    }

    private static void collectPlaceholders(String text, List<Placeholder> found) {
        int i = 0;
        while ((i = text.indexOf("${", i)) >= 0) {
            int end = matchingBrace(text, i);
            if (end < 0) {
                return;
            }
            String inner = text.substring(i + 2, end);
            int colon = defaultSeparator(inner);
            String name = colon < 0 ? inner : inner.substring(0, colon);
            Optional<String> defaultValue = colon < 0 ? Optional.empty() : Optional.of(inner.substring(colon + 1));
            if (ENV_NAME.matcher(name).matches()) {
                found.add(new Placeholder(name, defaultValue.map(ServiceConfig::withDefaults)));
            }
            defaultValue.ifPresent(d -> collectPlaceholders(d, found));
            i = end + 1;
        }
    }

    private static int defaultSeparator(String inner) {
        int nested = inner.indexOf("${");
        int colon = inner.indexOf(':');
        return nested >= 0 && nested < colon ? -1 : colon;
    }

    private static int matchingBrace(String text, int start) {
        int depth = 0;
        for (int i = start + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static Optional<Object> lookup(Map<String, Object> map, String dottedName) {
        if (map.containsKey(dottedName)) {
            return Optional.ofNullable(map.get(dottedName));
        }
        for (Map.Entry<String, Object> entry : map.entrySet()) {
            String key = entry.getKey();
            if (dottedName.startsWith(key + ".") && entry.getValue() instanceof Map<?, ?> child) {
                Optional<Object> found = lookup(stringKeys(child), dottedName.substring(key.length() + 1));
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    /** The documents that apply without a profile, later ones overriding earlier ones. */
    private static Map<String, Object> mergeDocumentsWithoutProfile(String text) {
        Map<String, Object> merged = new LinkedHashMap<>();
        for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(text)) {
            Map<String, Object> map = stringKeys(document);
            if (lookup(map, "spring.config.activate.on-profile").isEmpty()) {
                deepMerge(merged, map);
            }
        }
        return merged;
    }

    private static Map<String, Object> stringKeys(Object node) {
        Map<String, Object> copy = new LinkedHashMap<>();
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> copy.put(String.valueOf(k), v instanceof Map<?, ?> ? stringKeys(v) : v));
        }
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static void deepMerge(Map<String, Object> target, Map<String, Object> source) {
        source.forEach((key, value) -> {
            if (value instanceof Map<?, ?> && target.get(key) instanceof Map<?, ?> existing) {
                deepMerge((Map<String, Object>) existing, (Map<String, Object>) value);
            } else {
                target.put(key, value);
            }
        });
    }
}
