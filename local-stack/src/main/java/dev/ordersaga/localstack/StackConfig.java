package dev.ordersaga.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Where the stack lives and how it is wired: the repository root (service jars under
 * {@code <module>/target/}), the data directory ({@code .stack/} by default: pids, logs, broker and
 * store data, the signing key, start-up caches), the ports, and extra settings for the services.
 *
 * @param root the repository root
 * @param dataDir everything the stack writes
 * @param ports the listening port of every component
 * @param kafkaControllerPort the broker's KRaft controller listener
 * @param kafkaLibs the directory of jars the broker and the Kafka tools run from
 * @param serviceEnv extra environment for every service (e.g. {@code SAGA_DEADLINE=10s} in tests)
 * @param serviceJavaOpts JVM options of every service
 * @param startTimeout how long one component may take to become healthy
 * @param stopGrace how long a component may take to stop after SIGTERM before it gets SIGKILL
 * @param seed whether {@code up} seeds the demo data once the services are healthy
 * @param startupCache whether services run from an extracted jar with a class-data / AOT cache
 * @param warmUp whether {@code up} sends warm-up orders (see {@link WarmUp}) before it reports ready
 * @param replicas how many instances of each of the six services run (see {@link Instance} for their
 *     ports and names)
 * @param zipkin whether a Zipkin server (in-memory storage) runs beside the services and receives their
 *     spans
 */
public record StackConfig(
        Path root,
        Path dataDir,
        Map<Component, Integer> ports,
        int kafkaControllerPort,
        Path kafkaLibs,
        Map<String, String> serviceEnv,
        List<String> serviceJavaOpts,
        Duration startTimeout,
        Duration stopGrace,
        boolean seed,
        boolean startupCache,
        boolean warmUp,
        int replicas,
        boolean zipkin) {

    public static final int DEFAULT_KAFKA_CONTROLLER_PORT = 9093;

    /**
     * Heap and GC sized for six JVMs on a small machine; full tiered compilation (C2) stays on because
     * the benchmark runs against this stack. Start-up speed comes from the AOT / CDS cache instead.
     */
    public static final List<String> DEFAULT_SERVICE_JAVA_OPTS =
            List.of("-Xms32m", "-Xmx256m", "-XX:+UseSerialGC", "-Xss512k", "-XX:+ExitOnOutOfMemoryError");

    private static final String SAVED = "stack.properties";

    public StackConfig {
        ports = Collections.unmodifiableMap(new EnumMap<>(ports));
        serviceEnv = Collections.unmodifiableMap(new LinkedHashMap<>(serviceEnv));
        serviceJavaOpts = List.copyOf(serviceJavaOpts);
        for (Component c : Component.values()) {
            if (!ports.containsKey(c)) {
                throw new IllegalArgumentException("no port for " + c.id());
            }
        }
        if (replicas < 1 || replicas > MAX_REPLICAS) {
            throw new IllegalArgumentException("replicas must be between 1 and " + MAX_REPLICAS + ", not " + replicas);
        }
    }

    /**
     * Ten instances of a service would reach 10080 with {@link Instance#PORT_STRIDE}; nine is more than
     * any one machine needs (each instance is a JVM of ~250 MiB).
     */
    public static final int MAX_REPLICAS = 9;

    /** The fixed default ports, data under {@code <root>/.stack}. */
    public static StackConfig defaults(Path root, Path kafkaLibs) {
        Map<Component, Integer> ports = new EnumMap<>(Component.class);
        for (Component c : Component.values()) {
            ports.put(c, c.defaultPort());
        }
        return new StackConfig(
                root.toAbsolutePath().normalize(),
                root.toAbsolutePath().normalize().resolve(".stack"),
                ports,
                DEFAULT_KAFKA_CONTROLLER_PORT,
                kafkaLibs,
                Map.of(),
                DEFAULT_SERVICE_JAVA_OPTS,
                Duration.ofSeconds(180),
                Duration.ofSeconds(30),
                true,
                true,
                true,
                1,
                true);
    }

    public int port(Component component) {
        return ports.get(component);
    }

    /** The port of one instance: its component's port + {@link Instance#PORT_STRIDE} × its index. */
    public int port(Instance instance) {
        return instance.port(port(instance.component()));
    }

    /** The first gateway; the one the seeder, the warm-up and single-gateway clients use. */
    public String gatewayUrl() {
        return "http://localhost:" + port(Component.GATEWAY);
    }

    /** Every gateway instance's URL, the first one first. */
    public List<String> gatewayUrls() {
        return instancesOf(Component.GATEWAY).stream()
                .map(i -> "http://localhost:" + port(i))
                .toList();
    }

    /** The components this stack runs: all of them, Zipkin only when it is on. */
    public List<Component> components() {
        return java.util.Arrays.stream(Component.values())
                .filter(c -> zipkin || c != Component.ZIPKIN)
                .toList();
    }

    /** Every process of this stack, in start order: each service {@code replicas} times. */
    public List<Instance> instances() {
        List<Instance> all = new ArrayList<>();
        for (Component c : components()) {
            all.addAll(instancesOf(c));
        }
        return all;
    }

    /** The instances of one component: {@code replicas} of a service, one of the broker, store, Zipkin. */
    public List<Instance> instancesOf(Component component) {
        int count = component.isReplicated() ? replicas : 1;
        List<Instance> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            list.add(new Instance(component, i));
        }
        return list;
    }

    /** Where the Zipkin server's API and UI are ({@code /api/v2/spans} receives, {@code /zipkin/} shows). */
    public String zipkinUrl() {
        return "http://127.0.0.1:" + port(Component.ZIPKIN);
    }

    /** The Zipkin server's exec jar, copied by the build next to the Kafka jars. */
    public Path zipkinJar() {
        return kafkaLibs.toAbsolutePath().getParent().resolve("zipkin").resolve("zipkin-server.jar");
    }

    public String kafkaBootstrap() {
        return "localhost:" + port(Component.KAFKA);
    }

    public StackConfig withPort(Component component, int port) {
        Map<Component, Integer> changed = new EnumMap<>(ports);
        changed.put(component, port);
        return new StackConfig(
                root,
                dataDir,
                changed,
                kafkaControllerPort,
                kafkaLibs,
                serviceEnv,
                serviceJavaOpts,
                startTimeout,
                stopGrace,
                seed,
                startupCache,
                warmUp,
                replicas,
                zipkin);
    }

    public StackConfig withKafkaControllerPort(int port) {
        return new StackConfig(
                root,
                dataDir,
                ports,
                port,
                kafkaLibs,
                serviceEnv,
                serviceJavaOpts,
                startTimeout,
                stopGrace,
                seed,
                startupCache,
                warmUp,
                replicas,
                zipkin);
    }

    public StackConfig withDataDir(Path dir) {
        return new StackConfig(
                root,
                dir.toAbsolutePath().normalize(),
                ports,
                kafkaControllerPort,
                kafkaLibs,
                serviceEnv,
                serviceJavaOpts,
                startTimeout,
                stopGrace,
                seed,
                startupCache,
                warmUp,
                replicas,
                zipkin);
    }

    public StackConfig withServiceEnv(Map<String, String> env) {
        return new StackConfig(
                root,
                dataDir,
                ports,
                kafkaControllerPort,
                kafkaLibs,
                env,
                serviceJavaOpts,
                startTimeout,
                stopGrace,
                seed,
                startupCache,
                warmUp,
                replicas,
                zipkin);
    }

    public StackConfig withServiceJavaOpts(List<String> opts) {
        return new StackConfig(
                root,
                dataDir,
                ports,
                kafkaControllerPort,
                kafkaLibs,
                serviceEnv,
                opts,
                startTimeout,
                stopGrace,
                seed,
                startupCache,
                warmUp,
                replicas,
                zipkin);
    }

    public StackConfig withSeed(boolean enabled) {
        return new StackConfig(
                root,
                dataDir,
                ports,
                kafkaControllerPort,
                kafkaLibs,
                serviceEnv,
                serviceJavaOpts,
                startTimeout,
                stopGrace,
                enabled,
                startupCache,
                warmUp,
                replicas,
                zipkin);
    }

    public StackConfig withStartupCache(boolean enabled) {
        return new StackConfig(
                root,
                dataDir,
                ports,
                kafkaControllerPort,
                kafkaLibs,
                serviceEnv,
                serviceJavaOpts,
                startTimeout,
                stopGrace,
                seed,
                enabled,
                warmUp,
                replicas,
                zipkin);
    }

    public StackConfig withWarmUp(boolean enabled) {
        return new StackConfig(
                root,
                dataDir,
                ports,
                kafkaControllerPort,
                kafkaLibs,
                serviceEnv,
                serviceJavaOpts,
                startTimeout,
                stopGrace,
                seed,
                startupCache,
                enabled,
                replicas,
                zipkin);
    }

    public StackConfig withTimeouts(Duration start, Duration stop) {
        return new StackConfig(
                root,
                dataDir,
                ports,
                kafkaControllerPort,
                kafkaLibs,
                serviceEnv,
                serviceJavaOpts,
                start,
                stop,
                seed,
                startupCache,
                warmUp,
                replicas,
                zipkin);
    }

    public StackConfig withReplicas(int count) {
        return new StackConfig(
                root,
                dataDir,
                ports,
                kafkaControllerPort,
                kafkaLibs,
                serviceEnv,
                serviceJavaOpts,
                startTimeout,
                stopGrace,
                seed,
                startupCache,
                warmUp,
                count,
                zipkin);
    }

    public StackConfig withZipkin(boolean enabled) {
        return new StackConfig(
                root,
                dataDir,
                ports,
                kafkaControllerPort,
                kafkaLibs,
                serviceEnv,
                serviceJavaOpts,
                startTimeout,
                stopGrace,
                seed,
                startupCache,
                warmUp,
                replicas,
                enabled);
    }

    /** Every port on a free ephemeral port: a stack that can run beside another one (the tests). */
    public StackConfig withFreePorts() {
        List<ServerSocket> held = new ArrayList<>();
        try {
            StackConfig config = this;
            // hold every socket until all are chosen, so no two components get the same port
            for (Component c : Component.values()) {
                ServerSocket socket = new ServerSocket(0);
                held.add(socket);
                config = config.withPort(c, socket.getLocalPort());
            }
            ServerSocket controller = new ServerSocket(0);
            held.add(controller);
            return config.withKafkaControllerPort(controller.getLocalPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (ServerSocket socket : held) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing a probe socket cannot fail in a way that matters
                }
            }
        }
    }

    /** Records the ports (and replicas, Zipkin) {@code up} used, so {@code status}, {@code down}, {@code events} find them again. */
    public void save() {
        Properties props = new Properties();
        for (Component c : Component.values()) {
            props.setProperty("port." + c.id(), String.valueOf(port(c)));
        }
        props.setProperty("port.kafka-controller", String.valueOf(kafkaControllerPort));
        props.setProperty("replicas", String.valueOf(replicas));
        props.setProperty("zipkin", String.valueOf(zipkin));
        // what the supervisor needs to restart a service as up started it
        props.setProperty("service-java-opts", String.join(" ", serviceJavaOpts));
        props.setProperty("startup-cache", String.valueOf(startupCache));
        try {
            Files.createDirectories(dataDir);
            try (OutputStream out = Files.newOutputStream(dataDir.resolve(SAVED))) {
                props.store(out, "written by ./stack up: the ports of the running stack");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** This config with the ports of the last {@code up} in its data directory, if there was one. */
    public StackConfig withSavedPorts() {
        Path file = dataDir.resolve(SAVED);
        if (!Files.isRegularFile(file)) {
            return this;
        }
        Properties props = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            props.load(in);
        } catch (IOException e) {
            return this;
        }
        StackConfig config = this;
        for (Component c : Component.values()) {
            String value = props.getProperty("port." + c.id());
            if (value != null) {
                config = config.withPort(c, Integer.parseInt(value.trim()));
            }
        }
        String controller = props.getProperty("port.kafka-controller");
        if (controller != null) {
            config = config.withKafkaControllerPort(Integer.parseInt(controller.trim()));
        }
        String replicas = props.getProperty("replicas");
        if (replicas != null) {
            config = config.withReplicas(Integer.parseInt(replicas.trim()));
        }
        String opts = props.getProperty("service-java-opts");
        if (opts != null && !opts.isBlank()) {
            config = config.withServiceJavaOpts(List.of(opts.trim().split("\\s+")));
        }
        String cache = props.getProperty("startup-cache");
        if (cache != null) {
            config = config.withStartupCache(Boolean.parseBoolean(cache.trim()));
        }
        String zipkin = props.getProperty("zipkin");
        return zipkin == null ? config : config.withZipkin(Boolean.parseBoolean(zipkin.trim()));
    }

    public Path pidDir() {
        return dataDir.resolve("pids");
    }

    public Path logDir() {
        return dataDir.resolve("logs");
    }

    public Path logFile(Component component) {
        return logFile(Instance.first(component));
    }

    public Path logFile(Instance instance) {
        return logDir().resolve(instance.fileName() + ".log");
    }

    public Path cacheDir() {
        return dataDir.resolve("cache");
    }

    public Path signingKey() {
        return dataDir.resolve("auth").resolve("jwt-signing-key.pem");
    }
}
