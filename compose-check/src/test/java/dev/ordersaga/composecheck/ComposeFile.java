package dev.ordersaga.composecheck;

import dev.ordersaga.configreaders.Repo;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * docker-compose.yml as Docker Compose reads it when no {@code .env} is present: YAML merge keys
 * applied, {@code ${VAR:-default}} interpolated with the defaults written in the file (and a
 * variable without default as empty). {@link #raw(String)} gives a container as written, before
 * interpolation, for checks that need to know which variable a value comes from.
 */
final class ComposeFile {

    private static final Pattern INTERPOLATION =
            Pattern.compile("\\$\\$|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?}");

    private final Map<String, Container> containers = new LinkedHashMap<>();
    private final Map<String, Container> rawContainers = new LinkedHashMap<>();
    private final Set<String> declaredVolumes = new LinkedHashSet<>();
    private final Map<String, String> interpolationDefaults = new LinkedHashMap<>();
    private final Set<String> interpolatedWithoutDefault = new LinkedHashSet<>();
    private final Set<String> required = new LinkedHashSet<>();
    private final Map<String, Object> resolved;

    private ComposeFile(Map<String, Object> yaml) {
        asMap(yaml.get("services")).forEach((name, body) -> rawContainers.put(name, new Container(name, asMap(body))));
        resolved = asMap(interpolateTree(yaml));
        asMap(resolved.get("services")).forEach((name, body) -> containers.put(name, new Container(name, asMap(body))));
        Object volumes = resolved.get("volumes");
        if (volumes instanceof Map<?, ?> map) {
            map.keySet().forEach(key -> declaredVolumes.add(String.valueOf(key)));
        }
    }

    static ComposeFile load() {
        return parse(Repo.read("docker-compose.yml"));
    }

    static ComposeFile parse(String text) {
        Object yaml = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        return new ComposeFile(asMap(yaml));
    }

    Collection<Container> containers() {
        return containers.values();
    }

    Optional<Container> container(String name) {
        return Optional.ofNullable(containers.get(name));
    }

    /** A top-level section ({@code networks}, {@code volumes}, ...) as Compose reads it, or null. */
    Object topLevel(String key) {
        return resolved.get(key);
    }

    Set<String> declaredVolumes() {
        return declaredVolumes;
    }

    /** A container as written: {@code ${VAR...}} left as they are (merge keys applied). */
    Container raw(String name) {
        Container raw = rawContainers.get(name);
        if (raw == null) {
            throw new AssertionError("docker-compose.yml has no container '" + name + "'");
        }
        return raw;
    }

    /** Variables interpolated as {@code ${VAR:?error}}: compose refuses to start without them. */
    Set<String> required() {
        return required;
    }

    /** {@code VAR -> default} for every {@code ${VAR:-default}} in the file. */
    Map<String, String> interpolationDefaults() {
        return interpolationDefaults;
    }

    /** Variables interpolated as {@code ${VAR}} or {@code ${VAR:?error}}: they have no default. */
    Set<String> interpolatedWithoutDefault() {
        return interpolatedWithoutDefault;
    }

    private Object interpolateTree(Object node) {
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, value) -> copy.put(String.valueOf(key), interpolateTree(value)));
            return copy;
        }
        if (node instanceof List<?> list) {
            return list.stream().map(this::interpolateTree).toList();
        }
        if (node instanceof String text) {
            return interpolate(text);
        }
        return node;
    }

    /** Compose's interpolation, as if the variables were unset: defaults win. */
    String interpolate(String text) {
        Matcher matcher = INTERPOLATION.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String replacement;
            if (matcher.group().equals("$$")) {
                replacement = "$";
            } else if (matcher.group(2) != null && matcher.group(2).endsWith("-")) {
                replacement = matcher.group(3);
                interpolationDefaults.put(matcher.group(1), replacement);
            } else {
                replacement = "";
                interpolatedWithoutDefault.add(matcher.group(1));
                if (matcher.group(2) != null && matcher.group(2).endsWith("?")) {
                    required.add(matcher.group(1));
                }
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(Object node) {
        if (node == null) {
            return Map.of();
        }
        if (!(node instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("expected a mapping, found " + node);
        }
        return (Map<String, Object>) node;
    }

    static String scalar(Object node) {
        return node == null ? null : String.valueOf(node);
    }

    /** One entry under {@code services:}. */
    record Container(String name, Map<String, Object> body) {

        Optional<String> image() {
            return Optional.ofNullable(scalar(body.get("image")));
        }

        Optional<Build> build() {
            Object build = body.get("build");
            if (build == null) {
                return Optional.empty();
            }
            if (build instanceof String context) {
                return Optional.of(new Build(context, "Dockerfile", null, Map.of()));
            }
            Map<String, Object> map = asMap(build);
            return Optional.of(new Build(
                    String.valueOf(map.getOrDefault("context", ".")),
                    String.valueOf(map.getOrDefault("dockerfile", "Dockerfile")),
                    scalar(map.get("target")),
                    assignments(map.get("args"))));
        }

        /** Both the mapping and the {@code KEY=value} list form; values as strings. */
        Map<String, String> environment() {
            return assignments(body.get("environment"));
        }

        List<PortMapping> ports() {
            return entries(body.get("ports"), PortMapping::of, PortMapping::parse);
        }

        List<Mount> volumes() {
            return entries(body.get("volumes"), Mount::of, Mount::parse);
        }

        /** {@code dependency -> condition}; the short list form means {@code service_started}. */
        Map<String, String> dependsOn() {
            Map<String, String> dependsOn = new LinkedHashMap<>();
            Object raw = body.get("depends_on");
            if (raw instanceof List<?> list) {
                list.forEach(name -> dependsOn.put(String.valueOf(name), "service_started"));
            } else if (raw instanceof Map<?, ?> map) {
                map.forEach((name, spec) -> dependsOn.put(
                        String.valueOf(name),
                        String.valueOf(asMap(spec).getOrDefault("condition", "service_started"))));
            }
            return dependsOn;
        }

        /** The healthcheck command as Docker runs it: {@code [CMD, ...]} or {@code [CMD-SHELL, "..."]}. */
        Optional<List<String>> healthcheck() {
            Map<String, Object> healthcheck = asMap(body.get("healthcheck"));
            if (Boolean.TRUE.equals(healthcheck.get("disable"))) {
                return Optional.empty();
            }
            Object test = healthcheck.get("test");
            if (test instanceof String shell) {
                return Optional.of(List.of("CMD-SHELL", shell));
            }
            if (test instanceof List<?> list && !list.isEmpty() && !"NONE".equals(list.getFirst())) {
                return Optional.of(list.stream().map(String::valueOf).toList());
            }
            return Optional.empty();
        }

        /** The healthcheck command as one line, for messages and searches. */
        String healthcheckLine() {
            return healthcheck()
                    .map(test -> String.join(" ", test.subList(1, test.size())))
                    .orElse("");
        }

        Optional<String> restart() {
            return Optional.ofNullable(scalar(body.get("restart")));
        }

        Optional<String> hostname() {
            return Optional.ofNullable(scalar(body.get("hostname")));
        }

        Optional<String> networkMode() {
            return Optional.ofNullable(scalar(body.get("network_mode")));
        }

        /** The entrypoint as one line ({@code [sh, -c, "..."]} joined with spaces), empty if unset. */
        String entrypoint() {
            return line(body.get("entrypoint"));
        }

        String command() {
            return line(body.get("command"));
        }

        /** A command in either form, a list or a string, as one line; empty if unset. */
        private static String line(Object command) {
            if (command instanceof List<?> list) {
                return String.join(" ", list.stream().map(String::valueOf).toList());
            }
            return command == null ? "" : String.valueOf(command);
        }

        /** A mapping or a {@code KEY=value} list (environment, build args); values as strings. */
        private static Map<String, String> assignments(Object raw) {
            Map<String, String> values = new LinkedHashMap<>();
            if (raw instanceof Map<?, ?> map) {
                map.forEach((k, v) -> values.put(String.valueOf(k), scalar(v)));
            } else if (raw instanceof List<?> list) {
                list.forEach(entry -> putAssignment(values, String.valueOf(entry)));
            }
            return values;
        }

        private static void putAssignment(Map<String, String> target, String assignment) {
            int eq = assignment.indexOf('=');
            if (eq < 0) {
                target.put(assignment, null); // passed through from the caller's environment
            } else {
                target.put(assignment.substring(0, eq), assignment.substring(eq + 1));
            }
        }

        /** A list in the long syntax (a mapping per entry) or the short one (a string), e.g. ports, volumes. */
        private static <T> List<T> entries(
                Object raw, Function<Map<String, Object>, T> longSyntax, Function<String, T> shortSyntax) {
            List<T> entries = new ArrayList<>();
            if (raw instanceof List<?> list) {
                for (Object entry : list) {
                    entries.add(
                            entry instanceof Map<?, ?> map
                                    ? longSyntax.apply(asMap(map))
                                    : shortSyntax.apply(scalar(entry)));
                }
            }
            return entries;
        }
    }

    record Build(String context, String dockerfile, String target, Map<String, String> args) {}

    /** A published port: {@code [host_ip:]published:target}. */
    record PortMapping(String hostIp, String published, int target) {

        static PortMapping parse(String spec) {
            String withoutProtocol = spec.replaceFirst("/(tcp|udp)$", "");
            String[] parts = withoutProtocol.split(":");
            int target = Integer.parseInt(parts[parts.length - 1]);
            String published = parts.length >= 2 ? parts[parts.length - 2] : "";
            String hostIp = parts.length >= 3 ? String.join(":", List.of(parts).subList(0, parts.length - 2)) : "";
            return new PortMapping(hostIp, published, target);
        }

        static PortMapping of(Map<String, Object> longSyntax) {
            return new PortMapping(
                    String.valueOf(longSyntax.getOrDefault("host_ip", "")),
                    String.valueOf(longSyntax.getOrDefault("published", "")),
                    Integer.parseInt(String.valueOf(longSyntax.get("target"))));
        }
    }

    /**
     * A volume mount; {@code named} when the source is a named volume (not a host path). The
     * options are the short syntax's third part ({@code ro,z}) or the long syntax's
     * {@code read_only} ({@code ro}) and {@code bind.selinux} ({@code z} or {@code Z}).
     */
    record Mount(String source, String target, boolean named, Set<String> options) {

        Mount(String source, String target, boolean named) {
            this(source, target, named, Set.of());
        }

        static Mount parse(String spec) {
            String[] parts = spec.split(":");
            if (parts.length == 1) {
                return new Mount("", parts[0], false); // anonymous volume
            }
            Set<String> options = parts.length > 2 ? Set.of(parts[2].split(",")) : Set.of();
            return new Mount(parts[0], parts[1], isVolumeName(parts[0]), options);
        }

        static Mount of(Map<String, Object> longSyntax) {
            String source = String.valueOf(longSyntax.getOrDefault("source", ""));
            String type = String.valueOf(longSyntax.getOrDefault("type", "volume"));
            Set<String> options = new LinkedHashSet<>();
            if (Boolean.TRUE.equals(longSyntax.get("read_only"))) {
                options.add("ro");
            }
            Object selinux = asMap(longSyntax.get("bind")).get("selinux");
            if (selinux != null) {
                options.add(String.valueOf(selinux));
            }
            return new Mount(
                    source,
                    String.valueOf(longSyntax.get("target")),
                    type.equals("volume") && isVolumeName(source),
                    Set.copyOf(options));
        }

        /** A host file or directory mounted into the container (not a named or anonymous volume). */
        boolean bind() {
            return !named && !source.isEmpty();
        }

        /** Relabelled for containers by Docker on an SELinux host: {@code z} (shared) or {@code Z} (private). */
        boolean selinuxLabelled() {
            return options.contains("z") || options.contains("Z");
        }

        private static boolean isVolumeName(String source) {
            return !source.isEmpty()
                    && !source.startsWith("/")
                    && !source.startsWith(".")
                    && !source.startsWith("~")
                    && !source.startsWith("$");
        }
    }
}
