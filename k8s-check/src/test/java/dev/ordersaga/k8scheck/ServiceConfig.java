package dev.ordersaga.k8scheck;

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
 * A service module's {@code src/main/resources/application.yml}: its properties and the
 * environment placeholders ({@code ${NAME}} / {@code ${NAME:default}}) it reads.
 */
final class ServiceConfig {

    private static final Pattern ENV_NAME = Pattern.compile("[A-Z][A-Z0-9_]*");

    private final String module;
    private final String text;
    private final Map<String, Object> properties;

    private ServiceConfig(String module, String text) {
        this.module = module;
        this.text = text;
        this.properties = new LinkedHashMap<>();
        // Every document without a profile, later ones overriding earlier ones (what runs by default).
        for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(text)) {
            Map<String, Object> map = stringKeys(document);
            if (lookup(map, "spring.config.activate.on-profile").isEmpty()) {
                deepMerge(properties, map);
            }
        }
    }

    static ServiceConfig of(String module) {
        return new ServiceConfig(module, Repo.read(file(module)));
    }

    static String file(String module) {
        return module + "/src/main/resources/application.yml";
    }

    String file() {
        return file(module);
    }

    Optional<Object> property(String dottedName) {
        return lookup(properties, dottedName);
    }

    /** A property's value with every placeholder replaced by its default. */
    Optional<String> propertyDefault(String dottedName) {
        return property(dottedName).map(value -> withDefaults(String.valueOf(value)));
    }

    /**
     * A property's value as a pod with this environment gets it: each placeholder replaced by the
     * variable's value when the environment sets it, else by its default.
     */
    Optional<String> propertyWith(String dottedName, Map<String, String> environment) {
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

    /** Every environment placeholder of the file, nested ones (in a default) too. */
    List<Placeholder> placeholders() {
        List<Placeholder> found = new ArrayList<>();
        collect(text, found);
        return found;
    }

    record Placeholder(String name, Optional<String> defaultValue) {

        /** Why a pod must set this variable, or empty when the default works in a pod too. */
        Optional<String> mustBeSetBecause() {
            if (defaultValue.isEmpty()) {
                return Optional.of("it has no default");
            }
            String value = defaultValue.get();
            if (value.contains("localhost") || value.contains("127.0.0.1") || value.contains("127[.]0[.]0[.]1")) {
                return Optional.of("its default " + value + " means the pod itself");
            }
            if (value.startsWith("./") || value.contains(".stack/")) {
                return Optional.of("its default " + value + " is relative to the working directory, read-only"
                        + " application code in the image");
            }
            return Optional.empty();
        }

        @Override
        public String toString() {
            return "${" + name + defaultValue.map(d -> ":" + d).orElse("") + "}";
        }
    }

    static String withDefaults(String value) {
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
            out.append(colon < 0 ? "" : withDefaults(inner.substring(colon + 1)));
            i = end + 1;
        }
        return out.toString();
    }

    private static void collect(String text, List<Placeholder> found) {
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
            defaultValue.ifPresent(d -> collect(d, found));
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

    @SuppressWarnings("unchecked")
    private static Optional<Object> lookup(Map<String, Object> map, String dottedName) {
        if (map.containsKey(dottedName)) {
            return Optional.ofNullable(map.get(dottedName));
        }
        for (Map.Entry<String, Object> entry : map.entrySet()) {
            String key = entry.getKey();
            if (dottedName.startsWith(key + ".") && entry.getValue() instanceof Map<?, ?> child) {
                Optional<Object> found = lookup((Map<String, Object>) child, dottedName.substring(key.length() + 1));
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
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
