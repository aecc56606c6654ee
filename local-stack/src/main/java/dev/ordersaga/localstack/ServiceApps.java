package dev.ordersaga.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * How each service is run: which jar, which JVM options, which environment.
 *
 * <p>Start-up on two cores is dominated by class loading, so each Boot jar is extracted once
 * ({@code -Djarmode=tools extract}: a thin jar plus {@code lib/}, which the JVM's class-data sharing
 * can archive, unlike nested jars) and run with a cache of loaded and linked classes: on JDK 25+ the
 * AOT cache ({@code -XX:AOTCacheOutput} records it on the first run's exit, {@code -XX:AOTCache}
 * uses it from then on), on JDK 21-24 a dynamic CDS archive ({@code -XX:+AutoCreateSharedArchive});
 * see {@link StartupCache}. C2 stays on so steady-state latency is not traded for start-up. A new
 * jar or another JDK invalidates the cache.
 */
public final class ServiceApps {

    /** The consumers' session the local stack gives every service unless the caller's environment sets one. */
    static final String SESSION_TIMEOUT_VARIABLE = "SAGA_KAFKA_SESSION_TIMEOUT";

    static final Duration SESSION_TIMEOUT = Duration.ofSeconds(3);

    private final StackConfig config;

    public ServiceApps(StackConfig config) {
        this.config = config;
    }

    /** The built Boot jar of a service module, if any. */
    public Optional<Path> jar(Component service) {
        Path target = config.root().resolve(service.id()).resolve("target");
        if (!Files.isDirectory(target)) {
            return Optional.empty();
        }
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(target, service.id() + "-*.jar")) {
            List<Path> candidates = new ArrayList<>();
            for (Path jar : jars) {
                String name = jar.getFileName().toString();
                if (!name.matches(".*-(sources|javadoc|tests|test-sources|plain|exec)\\.jar")) {
                    candidates.add(jar);
                }
            }
            return candidates.stream().max(Comparator.comparing(ServiceApps::lastModified));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The services whose jar is not built yet. */
    public List<Component> missingJars() {
        return Component.services().stream().filter(s -> jar(s).isEmpty()).toList();
    }

    /** Extracts the jar if it changed since the last extraction; returns the jar to run. */
    public Path prepare(Component service) {
        Path jar = jar(service)
                .orElseThrow(() -> new StackException("no jar for " + service.id() + " under "
                        + config.root().resolve(service.id()).resolve("target")
                        + "; build it: ./mvnw -B -DskipTests package"));
        if (!config.startupCache()) {
            return jar;
        }
        Path home = config.cacheDir().resolve(service.id());
        Path app = home.resolve("app");
        Path stamp = home.resolve("source.stamp");
        // the start-up cache fits one jar on one JDK: a change of either records it anew
        String expected = jar.toAbsolutePath() + "|" + size(jar) + "|" + lastModified(jar) + "|" + Runtime.version();
        Path thin = app.resolve(jar.getFileName());
        try {
            if (Files.isRegularFile(thin)
                    && Files.isRegularFile(stamp)
                    && Files.readString(stamp).equals(expected)) {
                return thin;
            }
            deleteTree(home); // also drops the start-up cache: it only fits the jar it was made from
            Files.createDirectories(home);
            List<String> extract = List.of(
                    Jdk.javaBinary(),
                    "-Djarmode=tools",
                    "-jar",
                    jar.toAbsolutePath().toString(),
                    "extract",
                    "--destination",
                    app.toString());
            int exit = Processes.run(extract, config.root(), home.resolve("extract.log"), Duration.ofSeconds(120));
            if (exit != 0 || !Files.isRegularFile(thin)) {
                // not a Boot jar with the tools jar mode: run it as it is, without a start-up cache
                return jar;
            }
            Files.writeString(stamp, expected);
            return thin;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The service's command line for the prepared jar. */
    public List<String> command(Component service, Path jar) {
        return command(Instance.first(service), jar);
    }

    /**
     * The command line of one instance. Only the first instance records the start-up cache (two
     * JVMs writing one cache file would spoil it); the others map it once it exists.
     */
    public List<String> command(Instance instance, Path jar) {
        List<String> command = new ArrayList<>();
        command.add(Jdk.javaBinary());
        command.add(Processes.marker(instance, config.dataDir()));
        command.addAll(config.serviceJavaOpts());
        command.addAll(Jdk.restingMemoryOptions());
        if (jar.startsWith(config.cacheDir())) {
            String name = instance.component().id();
            command.addAll(
                    instance.index() == 0
                            ? StartupCache.options(config, name)
                            : StartupCache.readOnlyOptions(config, name));
        }
        command.add("-jar");
        command.add(jar.toString());
        return command;
    }

    /** Whether the next start of this service records its start-up cache (its first start). */
    public boolean recordsCache(Component service) {
        return StartupCache.records(config, service.id());
    }

    /** The environment of a service: the fixed variable names every service reads. */
    public Map<String, String> environment(Component service) {
        return environment(Instance.first(service));
    }

    /**
     * The environment of one instance. Instance {@code i} of the gateway routes to instance {@code i}
     * of each service, and every instance verifies tokens with auth-service's instance {@code i}: no
     * load balancer in the local stack, but the REST load is spread. The saga itself goes through
     * Kafka, where the consumer groups spread the partitions over the instances.
     */
    public Map<String, String> environment(Instance instance) {
        return environment(instance, System.getenv());
    }

    /** The environment of one instance started from a shell whose own environment is {@code caller}. */
    Map<String, String> environment(Instance instance, Map<String, String> caller) {
        Component service = instance.component();
        int i = instance.index();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SERVER_PORT", String.valueOf(config.port(instance)));
        // Loopback only, like the broker and the store: a laptop on a network exposes nothing.
        env.put("SERVER_ADDRESS", "127.0.0.1");
        env.put("KAFKA_BOOTSTRAP_SERVERS", config.kafkaBootstrap());
        env.put("MONGODB_URI", "mongodb://localhost:" + config.port(Component.MONGO));
        env.put("JWKS_URI", url(Component.AUTH, i) + "/.well-known/jwks.json");
        // spans to the stack's Zipkin; with --no-zipkin, tracing export off (no connection refused noise)
        env.put("ZIPKIN_ENDPOINT", config.zipkinUrl() + "/api/v2/spans");
        if (!config.zipkin()) {
            env.put("ZIPKIN_ENABLED", "false");
        }
        // A SIGKILLed or frozen instance's partitions move to the survivors after its consumers'
        // session: 3 s (the broker allows down to KafkaBroker.MIN_SESSION_TIMEOUT) keeps that move
        // within the gateway's 5 s hop timeout, where the services' default of 6 s does not.
        if (!caller.containsKey(SESSION_TIMEOUT_VARIABLE)) {
            env.put(SESSION_TIMEOUT_VARIABLE, SESSION_TIMEOUT.toSeconds() + "s");
        }
        switch (service) {
            case AUTH -> env.put("JWT_KEY_PATH", config.signingKey().toString());
            case GATEWAY -> {
                env.put("AUTH_URL", url(Component.AUTH, i));
                env.put("CUSTOMER_URL", url(Component.CUSTOMER, i));
                env.put("INVENTORY_URL", url(Component.INVENTORY, i));
                env.put("PAYMENT_URL", url(Component.PAYMENT, i));
                env.put("ORDER_URL", url(Component.ORDER, i));
            }
            case CONSOLE -> {
                // the first instance of each service: the console reads, it does not spread load
                env.put("AUTH_URL", url(Component.AUTH, 0));
                env.put("CUSTOMER_URL", url(Component.CUSTOMER, 0));
                env.put("INVENTORY_URL", url(Component.INVENTORY, 0));
                env.put("PAYMENT_URL", url(Component.PAYMENT, 0));
                env.put("ORDER_URL", url(Component.ORDER, 0));
                env.put("GATEWAY_MANAGEMENT_URL", url(Component.GATEWAY, 0));
                env.put("TRACE_URL", config.zipkin() ? config.zipkinUrl() + "/zipkin/traces/{traceId}" : "");
            }
            default -> {}
        }
        env.putAll(config.serviceEnv());
        return env;
    }

    private String url(Component component, int index) {
        return "http://localhost:" + config.port(new Instance(component, index));
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    private static long lastModified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return -1;
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
