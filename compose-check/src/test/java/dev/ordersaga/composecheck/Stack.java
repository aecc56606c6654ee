package dev.ordersaga.composecheck;

import dev.ordersaga.composecheck.ComposeFile.Container;
import dev.ordersaga.configreaders.Repo;
import dev.ordersaga.configreaders.ServiceConfig;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** docker-compose.yml read together with the code: which container is which service, who serves what. */
final class Stack {

    /** The six services of COMMON's fixed names; discovery must find at least these. */
    static final List<String> EXPECTED_SERVICES = List.of(
            "gateway", "auth-service", "customer-service", "inventory-service", "payment-service", "order-service");

    /** The operators' web console: a service module, but no saga participant and no public port. */
    static final String OPERATOR_CONSOLE = "operator-console";

    /** Environment names fixed for every service (COMMON "Fixed names"), read or not yet. */
    static final Set<String> COMMON_ENV = Set.of("SERVER_PORT", "KAFKA_BOOTSTRAP_SERVERS", "JWKS_URI", "JWT_ISSUER");

    static final Set<String> MONGO_ENV = Set.of("MONGODB_URI", "MONGODB_DATABASE_PREFIX");

    static final Map<String, Set<String>> SERVICE_ENV = Map.of(
            "auth-service", Set.of("JWT_KEY_PATH", "JWT_TTL", "AUTH_ADMIN_USERNAME", "AUTH_ADMIN_PASSWORD"),
            "payment-service", Set.of("PAYMENT_AMOUNT_LIMIT", "PAYMENT_RANDOM_DECLINE_RATE"),
            "order-service", Set.of("SAGA_DEADLINE", "SAGA_SWEEP_INTERVAL"),
            "gateway",
                    Set.of(
                            "AUTH_URL",
                            "CUSTOMER_URL",
                            "INVENTORY_URL",
                            "PAYMENT_URL",
                            "ORDER_URL",
                            "SAGA_HOP_TIMEOUT"));

    /**
     * saga-runtime's variables ({@code SagaKafkaVariables}: topic shape, consumers' session, listener
     * threads), read by every module that depends on saga-runtime.
     */
    static final Set<String> SAGA_RUNTIME_ENV = Set.of(
            "SAGA_KAFKA_PARTITIONS",
            "SAGA_KAFKA_REPLICATION_FACTOR",
            "SAGA_KAFKA_SESSION_TIMEOUT",
            "SAGA_KAFKA_LISTENER_THREADS");

    /**
     * The tracing variables every service reads from service-support's shared defaults
     * ({@link ServiceConfig#SHARED_DEFAULTS}). Listed here while that file does not exist yet on
     * this branch; once it does, {@code ObservabilityTest} checks that it reads each of them, and
     * the services' placeholders come from the file itself.
     */
    static final Set<String> TRACING_ENV = Set.of("ZIPKIN_ENDPOINT", "ZIPKIN_ENABLED", "TRACING_SAMPLING_PROBABILITY");

    static final String ZIPKIN_IMAGE = "openzipkin/zipkin";
    static final String PROMETHEUS_IMAGE = "prom/prometheus";
    static final String GRAFANA_IMAGE = "grafana/grafana";

    /** The observability containers: the only ones besides the gateway and Kafka that publish a port. */
    static final Set<String> OBSERVABILITY_IMAGES = Set.of(ZIPKIN_IMAGE, PROMETHEUS_IMAGE, GRAFANA_IMAGE);

    /** Zipkin's HTTP port (span collector, API and UI) unless QUERY_PORT says otherwise. */
    static final int ZIPKIN_DEFAULT_PORT = 9411;

    /** Read by the JVM or by Spring Boot's relaxed binding of any property, so never a typo guard. */
    static final List<String> PLATFORM_ENV_PREFIXES =
            List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "SPRING_", "LOGGING_", "MANAGEMENT_");

    static final String KAFKA_IMAGE = "apache/kafka";
    static final String MONGO_IMAGE = "mongo";
    static final int MONGO_DEFAULT_PORT = 27017;

    private static final Pattern LISTENER = Pattern.compile("([A-Za-z0-9_]+)://([^:,]*):(\\d+)");

    final ComposeFile compose;
    final Repo.RootPom rootPom;

    private Stack(ComposeFile compose, Repo.RootPom rootPom) {
        this.compose = compose;
        this.rootPom = rootPom;
    }

    static Stack load() {
        return new Stack(ComposeFile.load(), Repo.rootPom());
    }

    /** Reactor modules that are Spring Boot services: an application.yml with a server.port. */
    List<String> serviceModules() {
        return rootPom.modules().stream()
                .filter(ServiceConfig::existsFor)
                .filter(m -> ServiceConfig.of(m).property("server.port").isPresent())
                .toList();
    }

    static Stream<String> serviceModuleNames() {
        return load().serviceModules().stream();
    }

    Container container(String name) {
        return compose.container(name)
                .orElseThrow(() -> new AssertionError(
                        "docker-compose.yml has no container '" + name + "'; it has " + containerNames()));
    }

    List<String> containerNames() {
        return compose.containers().stream().map(Container::name).toList();
    }

    /** Containers built from this repository's code (the services and the seeder). */
    List<Container> builtContainers() {
        return compose.containers().stream().filter(c -> c.build().isPresent()).toList();
    }

    Optional<Container> byImage(String repository) {
        return compose.containers().stream()
                .filter(c -> c.image()
                        .map(Stack::repository)
                        .filter(repository::equals)
                        .isPresent())
                .findFirst();
    }

    Container kafka() {
        return byImage(KAFKA_IMAGE)
                .orElseThrow(() -> new AssertionError("docker-compose.yml has no container with image " + KAFKA_IMAGE));
    }

    Container mongo() {
        return byImage(MONGO_IMAGE)
                .orElseThrow(() -> new AssertionError("docker-compose.yml has no container with image " + MONGO_IMAGE));
    }

    /** {@code name -> host:port} of a Kafka listener list such as {@code INTERNAL://kafka:9092,...}. */
    static List<String[]> listeners(String list) {
        List<String[]> listeners = new ArrayList<>();
        Matcher matcher = LISTENER.matcher(list == null ? "" : list);
        while (matcher.find()) {
            listeners.add(new String[] {matcher.group(1), matcher.group(2), matcher.group(3)});
        }
        return listeners;
    }

    /** Which container answers {@code host:port} on the compose network, described, or empty. */
    /** Whether {@code host} is a container whose actuator moved to this port (MANAGEMENT_SERVER_PORT). */
    boolean isManagementPort(String host, int port) {
        return compose.container(host)
                .map(c -> String.valueOf(port).equals(c.environment().get("MANAGEMENT_SERVER_PORT")))
                .orElse(false);
    }

    Optional<String> whoServes(String host, int port) {
        Optional<Container> named = compose.container(host)
                .or(() -> compose.containers().stream()
                        .filter(c -> c.hostname().filter(host::equals).isPresent())
                        .findFirst());
        if (named.isEmpty()) {
            return Optional.empty();
        }
        Container container = named.get();
        String image = container.image().map(Stack::repository).orElse("");
        if (image.equals(KAFKA_IMAGE)) {
            boolean advertised = listeners(container.environment().get("KAFKA_ADVERTISED_LISTENERS")).stream()
                    .anyMatch(l -> l[1].equals(host) && Integer.parseInt(l[2]) == port);
            return advertised
                    ? Optional.of("Kafka listener " + host + ":" + port + " of " + container.name())
                    : Optional.empty();
        }
        if (image.equals(ZIPKIN_IMAGE)) {
            return zipkinPort(container) == port ? Optional.of("Zipkin of " + container.name()) : Optional.empty();
        }
        if (image.equals(MONGO_IMAGE)) {
            return mongoPort(container) == port ? Optional.of("MongoDB of " + container.name()) : Optional.empty();
        }
        if (isManagementPort(host, port)) {
            return Optional.of(container.name() + " on its MANAGEMENT_SERVER_PORT " + port);
        }
        String serverPort = container.environment().get("SERVER_PORT");
        return String.valueOf(port).equals(serverPort)
                ? Optional.of(container.name() + " on its SERVER_PORT " + port)
                : Optional.empty();
    }

    static int zipkinPort(Container zipkin) {
        String port = zipkin.environment().get("QUERY_PORT");
        return port == null ? ZIPKIN_DEFAULT_PORT : Integer.parseInt(port);
    }

    /** The container of an image; fails naming the image when there is none. */
    Container byImageOrFail(String repository) {
        return byImage(repository)
                .orElseThrow(() -> new AssertionError("docker-compose.yml has no container with image " + repository));
    }

    /**
     * The port a service's actuator listens on in its container: MANAGEMENT_SERVER_PORT of its
     * environment, else management.server.port of its application.yml, else its SERVER_PORT.
     */
    String actuatorPort(String module) {
        Container container = container(module);
        String fromEnvironment = container.environment().get("MANAGEMENT_SERVER_PORT");
        if (fromEnvironment != null) {
            return fromEnvironment;
        }
        return ServiceConfig.of(module)
                .propertyDefault("management.server.port")
                .orElse(container.environment().get("SERVER_PORT"));
    }

    /** The actuator endpoints a service's container exposes over HTTP: the environment's list wins. */
    List<String> exposedEndpoints(String module) {
        String exposure = Optional.ofNullable(
                        container(module).environment().get("MANAGEMENT_ENDPOINTS_WEB_EXPOSURE_INCLUDE"))
                .or(() -> ServiceConfig.of(module).propertyDefault("management.endpoints.web.exposure.include"))
                .orElse("health");
        return List.of(exposure.replace("[", "").replace("]", "").strip().split("\\s*,\\s*"));
    }

    static int mongoPort(Container mongo) {
        Matcher matcher = Pattern.compile("--port[ =](\\d+)").matcher(mongo.command());
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : MONGO_DEFAULT_PORT;
    }

    /** The repository part of an image reference: {@code apache/kafka:4.2.1} gives {@code apache/kafka}. */
    static String repository(String image) {
        String withoutDigest = image.split("@", 2)[0];
        int slash = withoutDigest.lastIndexOf('/');
        int colon = withoutDigest.lastIndexOf(':');
        String repository = colon > slash ? withoutDigest.substring(0, colon) : withoutDigest;
        return repository.replaceFirst("^(docker\\.io/)?(library/)?", "");
    }

    /** The tag of an image reference, or empty when untagged. */
    static String tag(String image) {
        String withoutDigest = image.split("@", 2)[0];
        int slash = withoutDigest.lastIndexOf('/');
        int colon = withoutDigest.lastIndexOf(':');
        return colon > slash ? withoutDigest.substring(colon + 1) : "";
    }

    /**
     * Pinned: a digest, or a tag that starts with a full {@code major.minor.patch} version (with the
     * {@code v} some projects put before it, as prom/prometheus does).
     */
    static boolean isPinned(String image) {
        return image.contains("@sha256:") || tag(image).matches("v?\\d+\\.\\d+\\.\\d+([._+-].*)?");
    }

    /** An address in a setting: {@code scheme://[user@]host:port/path} or {@code host:port}. */
    record Endpoint(String scheme, String host, int port, String path) {

        /** Every address in a value (a comma separated list is several); empty if none. */
        static List<Endpoint> parseAll(String value) {
            if (value == null || value.isBlank()) {
                return List.of();
            }
            List<Endpoint> endpoints = new ArrayList<>();
            if (value.contains("://")) {
                String scheme = value.substring(0, value.indexOf("://"));
                String rest = value.substring(value.indexOf("://") + 3);
                String authority = rest.split("[/?]", 2)[0];
                String path = authority.length() < rest.length() && rest.charAt(authority.length()) == '/'
                        ? URI.create("x://h" + rest.substring(authority.length()))
                                .getPath()
                        : "";
                String hosts =
                        authority.contains("@") ? authority.substring(authority.lastIndexOf('@') + 1) : authority;
                for (String hostPort : hosts.split(",")) {
                    int defaultPort = switch (scheme) {
                        case "http" -> 80;
                        case "https" -> 443;
                        case "mongodb" -> MONGO_DEFAULT_PORT;
                        default -> -1;
                    };
                    endpoints.add(of(scheme, hostPort, defaultPort, path));
                }
                return endpoints;
            }
            for (String hostPort : value.split(",")) {
                if (!hostPort.strip().matches("[A-Za-z0-9_.-]+:\\d+")) {
                    return List.of();
                }
                endpoints.add(of("", hostPort.strip(), -1, ""));
            }
            return endpoints;
        }

        private static Endpoint of(String scheme, String hostPort, int defaultPort, String path) {
            int colon = hostPort.lastIndexOf(':');
            return colon < 0
                    ? new Endpoint(scheme, hostPort, defaultPort, path)
                    : new Endpoint(
                            scheme,
                            hostPort.substring(0, colon),
                            Integer.parseInt(hostPort.substring(colon + 1)),
                            path);
        }

        boolean isLocalhost() {
            return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
        }

        @Override
        public String toString() {
            return (scheme.isEmpty() ? "" : scheme + "://") + host + ":" + port + path;
        }
    }
}
