package dev.ordersaga.localstack;

import dev.ordersaga.configreaders.ShellScript;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The Kafka security of docker-compose.yml, read from the file so a test can run it on a real broker: the
 * kafka container's {@code KAFKA_*} settings as the apache/kafka image turns them into server.properties,
 * each service's client settings ({@code SPRING_KAFKA_*}), and the commands of the script the kafka-setup
 * container runs (its {@code user}, {@code topic} and {@code acl} calls, expanded through the script's own
 * function bodies). {@code ${VAR...}} and {@code $VAR} are replaced from a map of test values.
 */
final class ComposeKafkaSecurity {

    /** The Kafka tool scripts the setup script calls, and their main classes. */
    static final Map<String, String> TOOL_CLASSES = Map.of(
            "kafka-configs.sh", KafkaBroker.TOOLS.get("configs"),
            "kafka-topics.sh", KafkaBroker.TOOLS.get("topics"),
            "kafka-acls.sh", KafkaBroker.TOOLS.get("acls"));

    private static final Pattern COMPOSE_VARIABLE =
            Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::?[-?]([^}]*))?}");
    private static final Pattern SHELL_VARIABLE = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*|[0-9@])}?");
    private static final Pattern FUNCTION = Pattern.compile("^(\\w+)\\(\\) \\{");

    /** One tool run: the script's function it came from, the tool's main class, its arguments. */
    record ToolRun(String call, String mainClass, List<String> args) {}

    private final Map<String, Map<String, Object>> services;
    private final String kafkaContainer;
    private final String setupContainer;
    private final Path setupScript;

    @SuppressWarnings("unchecked")
    private ComposeKafkaSecurity(Path root) throws Exception {
        Map<String, Object> yaml = new Yaml(new SafeConstructor(new LoaderOptions()))
                .load(Files.readString(root.resolve("docker-compose.yml")));
        services = (Map<String, Map<String, Object>>) yaml.get("services");
        kafkaContainer = containerWithImage("apache/kafka", true);
        setupContainer = containerWithImage("apache/kafka", false);
        String entrypoint =
                String.join(" ", (List<String>) services.get(setupContainer).get("entrypoint"));
        Path script = null;
        for (Object volume : (List<Object>) services.get(setupContainer).get("volumes")) {
            String[] parts = String.valueOf(volume).split(":");
            if (parts[0].startsWith("./") && entrypoint.contains(parts[1])) {
                script = root.resolve(parts[0].substring(2));
            }
        }
        if (script == null) {
            throw new IllegalStateException(setupContainer + " mounts no script its entrypoint runs: " + entrypoint);
        }
        setupScript = script;
    }

    static ComposeKafkaSecurity load(Path root) throws Exception {
        return new ComposeKafkaSecurity(root);
    }

    private String containerWithImage(String repository, boolean broker) {
        for (var entry : services.entrySet()) {
            String image = String.valueOf(entry.getValue().get("image"));
            boolean oneShot = "no".equals(String.valueOf(entry.getValue().get("restart")));
            if (image.startsWith(repository + ":") && oneShot != broker) {
                return entry.getKey();
            }
        }
        throw new IllegalStateException("docker-compose.yml has no " + (broker ? "broker" : "one-shot setup")
                + " container with image " + repository);
    }

    /** The containers that log in to Kafka with a JAAS config of their own: the service principals. */
    List<String> servicesWithKafkaCredentials() {
        return services.keySet().stream()
                .filter(name -> environment(name).containsKey("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG"))
                .toList();
    }

    Path setupScript() {
        return setupScript;
    }

    @SuppressWarnings("unchecked")
    private Map<String, String> environment(String container) {
        Map<String, String> env = new LinkedHashMap<>();
        Object raw = services.get(container).get("environment");
        if (raw instanceof Map<?, ?> map) {
            map.forEach((k, v) -> env.put(String.valueOf(k), String.valueOf(v)));
        }
        return env;
    }

    /** The broker's server.properties from the kafka container's KAFKA_* variables (the image's naming rule). */
    Map<String, String> brokerProperties(Map<String, String> variables) {
        Map<String, String> properties = new LinkedHashMap<>();
        environment(kafkaContainer).forEach((name, value) -> {
            if (name.startsWith("KAFKA_")) {
                String property = name.substring("KAFKA_".length())
                        .toLowerCase(Locale.ROOT)
                        .replace("___", "-")
                        .replace("__", "\0")
                        .replace("_", ".")
                        .replace("\0", "_");
                properties.put(property, interpolate(value, variables));
            }
        });
        return properties;
    }

    /**
     * A service's Kafka client settings as its container gives them to Spring Boot
     * ({@code SPRING_KAFKA_SECURITY_PROTOCOL}, {@code SPRING_KAFKA_PROPERTIES_*}; compose-check checks that
     * Boot binds them so).
     */
    Map<String, Object> clientProperties(String service, Map<String, String> variables) {
        Map<String, Object> client = new LinkedHashMap<>();
        environment(service).forEach((name, value) -> {
            if (name.equals("SPRING_KAFKA_SECURITY_PROTOCOL")) {
                client.put("security.protocol", interpolate(value, variables));
            } else if (name.startsWith("SPRING_KAFKA_PROPERTIES_")) {
                String property = name.substring("SPRING_KAFKA_PROPERTIES_".length())
                        .toLowerCase(Locale.ROOT)
                        .replace('_', '.');
                client.put(
                        property,
                        interpolate(value, variables).replaceAll("\\s+", " ").strip());
            }
        });
        return client;
    }

    /** The password variables of the script's {@code user <name> "$VAR"} calls: user -> variable. */
    Map<String, String> users() throws Exception {
        Map<String, String> users = new LinkedHashMap<>();
        Pattern user = Pattern.compile("user (\\S+) \"\\$\\{?([A-Z][A-Z0-9_]*)}?\"");
        for (String line : logicalLines()) {
            Matcher matcher = user.matcher(line);
            if (matcher.matches()) {
                users.put(matcher.group(1), matcher.group(2));
            }
        }
        return users;
    }

    /** The literal topics the script's {@code acl} calls let a principal write. */
    Set<String> writableTopics(String principal) throws Exception {
        Set<String> topics = new LinkedHashSet<>();
        for (String line : logicalLines()) {
            if (!line.startsWith("acl ")) {
                continue;
            }
            List<String> args = words(line.substring(4));
            boolean prefixed = false;
            boolean writes = false;
            boolean forPrincipal = false;
            List<String> named = new ArrayList<>();
            for (int i = 0; i + 1 < args.size(); i++) {
                switch (args.get(i)) {
                    case "--allow-principal" -> forPrincipal |= args.get(i + 1).equals(principal);
                    case "--operation" -> writes |= args.get(i + 1).equalsIgnoreCase("WRITE");
                    case "--resource-pattern-type" ->
                        prefixed = !args.get(i + 1).equalsIgnoreCase("literal");
                    case "--topic" -> named.add(args.get(i + 1));
                    default -> {}
                }
            }
            if (forPrincipal && writes && !prefixed) {
                topics.addAll(named);
            }
        }
        return topics;
    }

    /**
     * Every tool run of the script's {@code user}, {@code topic} and {@code acl} calls, in script order: each
     * call's function body's tool command with the function's arguments and the variables filled in.
     */
    List<ToolRun> toolRuns(Map<String, String> variables) throws Exception {
        List<String> lines = logicalLines();
        Map<String, List<String>> functions = new LinkedHashMap<>();
        // the setup container's environment, as compose interpolates it, then the test's own values
        Map<String, String> assignments = new LinkedHashMap<>();
        environment(setupContainer).forEach((name, value) -> assignments.put(name, interpolate(value, variables)));
        assignments.putAll(variables);
        String function = null;
        for (String line : lines) {
            Matcher start = FUNCTION.matcher(line);
            if (start.find()) {
                function = start.group(1);
                continue;
            }
            if (function != null) {
                if (line.equals("}")) {
                    function = null;
                } else if (line.contains("\"$bin/kafka-")) {
                    functions.put(function, words(line.substring(line.indexOf("\"$bin/kafka-"))));
                }
                continue;
            }
            Matcher assignment = Pattern.compile("^(\\w+)=(\\S+)$").matcher(line);
            if (assignment.matches()) {
                assignments.putIfAbsent(assignment.group(1), assignment.group(2));
            }
        }
        List<ToolRun> runs = new ArrayList<>();
        for (String line : lines) {
            List<String> call = words(line);
            if (call.isEmpty()) {
                continue;
            }
            List<String> body = functions.get(call.getFirst());
            if (body == null
                    || FUNCTION.matcher(line).find()
                    || !List.of("user", "topic", "acl").contains(call.getFirst())) {
                continue;
            }
            List<String> callArgs = call.subList(1, call.size()).stream()
                    .map(arg -> substitute(arg, assignments, List.of()))
                    .toList();
            String tool = Path.of(substitute(body.getFirst(), assignments, callArgs))
                    .getFileName()
                    .toString();
            String mainClass = TOOL_CLASSES.get(tool);
            if (mainClass == null) {
                throw new IllegalStateException(setupScript + ": unknown tool " + tool);
            }
            List<String> args = new ArrayList<>();
            for (String word : body.subList(1, body.size())) {
                if (word.equals("$@")) {
                    args.addAll(callArgs);
                } else if (!word.startsWith(">") && !word.equals("2>&1")) {
                    args.add(substitute(word, assignments, callArgs));
                }
            }
            runs.add(new ToolRun(line, mainClass, args));
        }
        return runs;
    }

    private List<String> logicalLines() throws Exception {
        return ShellScript.logicalLines(Files.readString(setupScript));
    }

    /** A line's words, without the semicolons and closing braces that end a command or a function body. */
    private static List<String> words(String line) {
        return ShellScript.words(line).stream()
                .filter(text -> !text.equals(";") && !text.equals("}"))
                .map(text -> text.endsWith(";") ? text.substring(0, text.length() - 1) : text)
                .toList();
    }

    /** {@code $1}, {@code $NAME}, {@code ${NAME}} as the shell would expand them (no word splitting needed here). */
    private String substitute(String word, Map<String, String> variables, List<String> args) {
        if (word.equals("$@")) {
            return String.join(" ", args);
        }
        Matcher matcher = SHELL_VARIABLE.matcher(word);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            String value = name.matches("\\d") ? args.get(Integer.parseInt(name) - 1) : variables.get(name);
            if (value == null) {
                throw new IllegalStateException(setupScript + ": no value for $" + name + " in '" + word + "'");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** Compose's interpolation: a test value for every variable, else the default written in the file. */
    private static String interpolate(String value, Map<String, String> variables) {
        Matcher matcher = COMPOSE_VARIABLE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String given = variables.get(matcher.group(1));
            String replacement = given != null ? given : matcher.group(2) != null ? matcher.group(2) : "";
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString().replace("$$", "$");
    }
}
