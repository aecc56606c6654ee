package dev.ordersaga.localstack;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where the stack lives and how it is wired: the repository root (service jars under
 * {@code <module>/target/}), the data directory ({@code .stack/} by default: pids, logs, broker and
 * store data, the signing key, start-up caches), the ports, and extra settings for the services.
 *
 * @param root the repository root
 * @param dataDir everything the stack writes
 * @param ports the listening port of every component and the broker's KRaft controller port
 * @param kafkaLibs the directory of jars the broker and the Kafka tools run from
 * @param serviceEnv extra environment for every service (e.g. {@code SAGA_DEADLINE=10s} in tests)
 * @param serviceJavaOpts JVM options of every service
 * @param startTimeout how long one component may take to become healthy
 * @param stopGrace how long a component may take to stop after SIGTERM before it gets SIGKILL
 * @param seed whether {@code up} seeds the demo data once the services are healthy
 * @param startupCache whether services run from an extracted jar with a class-data / AOT cache
 * @param warmUp whether {@code up} sends warm-up orders (see {@link dev.ordersaga.bench.WarmUp}) before it reports ready
 * @param replicas how many instances of each of the six services run (see {@link Instance} for their
 *     ports and names)
 * @param zipkin whether a Zipkin server (in-memory storage) runs beside the services and receives their
 *     spans
 * @param storeHeap the store's maximum heap as the JVM spells it ({@code 1536m}, {@code 6g}); see {@link
 *     #storeHeapFor}
 */
@RecordBuilder
public record StackConfig(
        Path root,
        Path dataDir,
        Ports ports,
        Path kafkaLibs,
        Map<String, String> serviceEnv,
        List<String> serviceJavaOpts,
        Duration startTimeout,
        Duration stopGrace,
        boolean seed,
        boolean startupCache,
        boolean warmUp,
        int replicas,
        boolean zipkin,
        String storeHeap)
        implements StackConfigBuilder.With {

    /**
     * Heap and GC sized for six JVMs on a small machine; full tiered compilation (C2) stays on because
     * the benchmark runs against this stack. Start-up speed comes from the AOT / CDS cache instead.
     */
    public static final List<String> DEFAULT_SERVICE_JAVA_OPTS =
            List.of("-Xms32m", "-Xmx256m", "-XX:+UseSerialGC", "-Xss512k", "-XX:+ExitOnOutOfMemoryError");

    /**
     * Ten instances of a service would reach 10080 with {@link Instance#PORT_STRIDE}; nine is more than
     * any one machine needs (each instance is a JVM of ~250 MiB).
     */
    public static final int MAX_REPLICAS = 9;

    /** The least heap the store gets, and the most it gets where nothing sets it (see {@link #storeHeapFor}). */
    static final long MIN_STORE_HEAP_MB = 1536;

    static final long MAX_DEFAULT_STORE_HEAP_MB = 8192;

    private static final Pattern HEAP_SIZE = Pattern.compile("[1-9][0-9]*[mMgG]");

    public StackConfig {
        root = root.toAbsolutePath().normalize();
        dataDir = dataDir.toAbsolutePath().normalize();
        serviceEnv = Collections.unmodifiableMap(new LinkedHashMap<>(serviceEnv));
        serviceJavaOpts = List.copyOf(serviceJavaOpts);
        if (!HEAP_SIZE.matcher(storeHeap).matches()) {
            throw new IllegalArgumentException(
                    "the store's heap is a size in MiB or GiB like 1536m or 6g, not " + storeHeap);
        }
        if (replicas < 1 || replicas > MAX_REPLICAS) {
            throw new IllegalArgumentException("replicas must be between 1 and " + MAX_REPLICAS + ", not " + replicas);
        }
    }

    /** The fixed default ports, data under {@code <root>/.stack}. */
    public static StackConfig defaults(Path root, Path kafkaLibs) {
        return new StackConfig(
                root,
                root.resolve(".stack"),
                Ports.defaults(),
                kafkaLibs,
                Map.of(),
                DEFAULT_SERVICE_JAVA_OPTS,
                Duration.ofSeconds(180),
                Duration.ofSeconds(30),
                true,
                true,
                true,
                1,
                true,
                storeHeapFor(Jdk.physicalMemory()));
    }

    /**
     * The store's heap where nothing sets it: a quarter of the machine's memory, at least {@value #MIN_STORE_HEAP_MB}
     * MiB and at most {@value #MAX_DEFAULT_STORE_HEAP_MB} MiB. The store holds every document and index entry in its
     * heap, about 6 KiB per order of history (an order, its reservation, payment and validation, and their index
     * entries); with a fixed 1.5 GiB a store of 187,000 orders spent its time in full collections (old generation 100%
     * full, 47 collections of 1.2 s each in 20 minutes, p99 of 200 orders/s 2.6 s).
     */
    static String storeHeapFor(long physicalBytes) {
        long quarterMb = physicalBytes / 4 / (1024 * 1024);
        return Math.max(MIN_STORE_HEAP_MB, Math.min(MAX_DEFAULT_STORE_HEAP_MB, quarterMb)) + "m";
    }

    public int port(Component component) {
        return ports.of(component);
    }

    public int kafkaControllerPort() {
        return ports.kafkaController();
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
        return Arrays.stream(Component.values())
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
