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
        boolean warmUp) {

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
    }

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
                true);
    }

    public int port(Component component) {
        return ports.get(component);
    }

    public String gatewayUrl() {
        return "http://localhost:" + port(Component.GATEWAY);
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
                warmUp);
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
                warmUp);
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
                warmUp);
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
                warmUp);
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
                warmUp);
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
                warmUp);
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
                warmUp);
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
                enabled);
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
                warmUp);
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

    /** Records the ports {@code up} used, so {@code status}, {@code down}, {@code events} find them again. */
    public void save() {
        Properties props = new Properties();
        for (Component c : Component.values()) {
            props.setProperty("port." + c.id(), String.valueOf(port(c)));
        }
        props.setProperty("port.kafka-controller", String.valueOf(kafkaControllerPort));
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
        return controller == null ? config : config.withKafkaControllerPort(Integer.parseInt(controller.trim()));
    }

    public Path pidDir() {
        return dataDir.resolve("pids");
    }

    public Path logDir() {
        return dataDir.resolve("logs");
    }

    public Path logFile(Component component) {
        return logDir().resolve(component.id() + ".log");
    }

    public Path cacheDir() {
        return dataDir.resolve("cache");
    }

    public Path signingKey() {
        return dataDir.resolve("auth").resolve("jwt-signing-key.pem");
    }
}
