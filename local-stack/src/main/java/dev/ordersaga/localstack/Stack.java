package dev.ordersaga.localstack;

import dev.ordersaga.seed.SeedData;
import dev.ordersaga.seed.SeedReport;
import dev.ordersaga.seed.Seeder;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * The local stack: the store, the broker and the six services as separate processes of this
 * machine, started in dependency order, health-checked, seeded, and stopped in reverse order. Used
 * by {@code ./stack} and by the end-to-end tests alike.
 */
public final class Stack {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final String KAFKA_STARTED = "Kafka Server started";

    private final StackConfig config;
    private final PrintStream out;
    private final ServiceApps apps;
    private final KafkaBroker broker;
    private final Map<Instance, Duration> readyAfter = new ConcurrentHashMap<>();
    private final Map<Instance, Instant> startedAt = new ConcurrentHashMap<>();

    public Stack(StackConfig config, PrintStream out) {
        this.config = config;
        this.out = out;
        this.apps = new ServiceApps(config);
        this.broker = new KafkaBroker(config);
    }

    public StackConfig config() {
        return config;
    }

    public KafkaBroker broker() {
        return broker;
    }

    // ---------------------------------------------------------------- up

    /**
     * Starts every component that is not running yet (so {@code up} after a {@code stop} of one
     * service brings just that one back), waits until each is healthy, seeds, and returns the
     * components it started. On failure it stops what it started and throws, with the tail of the
     * failing component's log in the message.
     */
    public List<Component> up() {
        return upInstances().stream().map(Instance::component).distinct().toList();
    }

    /** {@link #up()}, answering which instances it started. */
    public List<Instance> upInstances() {
        Jdk.requireSupported();
        List<Component> missing = apps.missingJars();
        if (!missing.isEmpty()) {
            throw new StackException(
                    "not built yet: " + missing.stream().map(Component::id).toList()
                            + " (no jar under <module>/target). Build them: ./mvnw -B -DskipTests package");
        }
        if (config.zipkin() && !Files.isRegularFile(config.zipkinJar())) {
            throw new StackException("no Zipkin server at " + config.zipkinJar()
                    + ": build the launcher (./mvnw -B -DskipTests -pl local-stack package fetches it) or start"
                    + " without it: ./stack up --no-zipkin");
        }
        List<Instance> toStart = new ArrayList<>();
        for (Instance i : config.instances()) {
            if (process(i).isEmpty()) {
                toStart.add(i);
            }
        }
        if (toStart.isEmpty()) {
            out.println("The stack is already running (./stack status, ./stack down).");
            return List.of();
        }
        refuseTakenPorts(toStart);
        config.save();

        List<Instance> started = Collections.synchronizedList(new ArrayList<>());
        Instant begin = Instant.now();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            // extraction of the service jars runs while the broker and the store start
            Map<Component, Future<Path>> prepared = new EnumMap<>(Component.class);
            for (Component s : Component.services()) {
                if (toStart.stream().anyMatch(i -> i.component() == s)) {
                    prepared.put(s, pool.submit(() -> apps.prepare(s)));
                }
            }
            // Zipkin needs nothing and nothing needs it (spans are dropped until it listens): it
            // starts beside everything else and is waited for last
            Future<?> zipkin = toStart.contains(Instance.first(Component.ZIPKIN))
                    ? pool.submit(() -> {
                        try {
                            startZipkin(started);
                        } catch (StackException e) {
                            // traces are a help, not a part of the system: the stack runs without them
                            out.println("  zipkin did not start (the services run, their spans are dropped): "
                                    + e.getMessage());
                        }
                    })
                    : null;
            List<Future<?>> infra = new ArrayList<>();
            if (toStart.contains(Instance.first(Component.MONGO))) {
                infra.add(pool.submit(() -> startStore(started)));
            }
            if (toStart.contains(Instance.first(Component.KAFKA))) {
                infra.add(pool.submit(() -> startKafka(started)));
            }
            await(infra);
            // auth starts first (the others verify tokens with its JWKS, fetched on the first
            // request, not at start-up), the others right behind it: on two cores the start-ups
            // overlap better than they queue
            List<Future<?>> rest = new ArrayList<>();
            for (Instance i : toStart) {
                if (i.component().isService()) {
                    Path jar = get(prepared.get(i.component()));
                    rest.add(pool.submit(() -> startService(i, jar, started)));
                }
            }
            if (zipkin != null) {
                rest.add(zipkin);
            }
            await(rest);
        } catch (RuntimeException e) {
            out.println("Start-up failed; stopping what this run started.");
            stopAll(List.copyOf(started));
            throw e;
        }
        seedAndWarmUp();
        out.printf("Ready in %.1f s.%n", Duration.between(begin, Instant.now()).toMillis() / 1000.0);
        return List.copyOf(started);
    }

    private void refuseTakenPorts(List<Instance> toStart) {
        List<String> taken = new ArrayList<>();
        for (Instance i : toStart) {
            Component c = i.component();
            if (Probes.portInUse(config.port(i))) {
                taken.add("port " + config.port(i) + " (" + i.id() + ", override with --" + c.shortName()
                        + "-port or STACK_" + c.portKey() + "_PORT"
                        + (i.index() > 0 ? "; instance " + i.index() + " adds " + Instance.PORT_STRIDE * i.index() : "")
                        + ")");
            }
        }
        if (toStart.contains(Instance.first(Component.KAFKA)) && Probes.portInUse(config.kafkaControllerPort())) {
            taken.add("port " + config.kafkaControllerPort()
                    + " (Kafka controller, override with --kafka-controller-port or STACK_KAFKA_CONTROLLER_PORT)");
        }
        if (!taken.isEmpty()) {
            throw new StackException("cannot start: in use by another program:\n  " + String.join("\n  ", taken)
                    + "\nFind it with `ss -ltnp | grep :<port>` (or `lsof -i :<port>`), stop it, or choose other"
                    + " ports. If it is an older stack of this repository: ./stack down");
        }
    }

    private void startStore(List<Instance> started) {
        List<String> command = new ArrayList<>(List.of(
                Jdk.javaBinary(),
                Processes.marker(Component.MONGO, config.dataDir()),
                // every hop of every saga writes through this one process, which holds every document
                // in its heap: full C2, and it stops (its journal intact) rather than limp when full
                "-Xms128m",
                "-Xmx768m",
                "-XX:+UseSerialGC",
                "-XX:+ExitOnOutOfMemoryError"));
        command.addAll(Jdk.restingMemoryOptions());
        // its JIT warm-up is on every order's path too: the same start-up cache as the services
        Path cache = config.cacheDir().resolve("mongo");
        StartupCache.keepOnlyFor(cache, Jdk.ownClassPathEntries());
        command.addAll(StartupCache.options(config, "mongo"));
        command.addAll(List.of(
                "-cp",
                Jdk.ownClassPath(),
                "dev.ordersaga.localstack.store.StoreMain",
                "127.0.0.1",
                String.valueOf(config.port(Component.MONGO)),
                config.dataDir().resolve("mongo").toString()));
        launch(Instance.first(Component.MONGO), command, Map.of(), started);
        awaitReady(Instance.first(Component.MONGO), () -> Probes.accepts(config.port(Component.MONGO)));
    }

    private void startKafka(List<Instance> started) {
        Path log = config.logFile(Component.KAFKA);
        broker.prepare(log);
        StartupCache.keepOnlyFor(config.cacheDir().resolve("kafka"), List.of(config.kafkaLibs()));
        long offset = Probes.size(log);
        launch(Instance.first(Component.KAFKA), broker.startCommand(), Map.of(), started);
        awaitReady(
                Instance.first(Component.KAFKA),
                () -> Probes.accepts(config.port(Component.KAFKA)) && Probes.contains(log, offset, KAFKA_STARTED));
    }

    /**
     * Zipkin with in-memory storage (traces are gone when it stops: a viewer for the last minutes,
     * not an archive), on loopback like everything else, with a small heap that caps the spans it
     * keeps, and C1 only: it is not on any order's path.
     */
    private void startZipkin(List<Instance> started) {
        Instance zipkin = Instance.first(Component.ZIPKIN);
        List<String> command = new ArrayList<>(List.of(
                Jdk.javaBinary(),
                Processes.marker(zipkin, config.dataDir()),
                "-Xms32m",
                "-Xmx256m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-XX:+ExitOnOutOfMemoryError"));
        command.addAll(Jdk.restingMemoryOptions());
        // its start-up runs beside the services' on the same cores: the same start-up cache
        Path cache = config.cacheDir().resolve("zipkin");
        StartupCache.keepOnlyFor(cache, List.of(config.zipkinJar()));
        command.addAll(StartupCache.options(config, "zipkin"));
        command.addAll(List.of(
                "-jar",
                config.zipkinJar().toString(),
                // the whole first port entry: a list property set in part loses the rest of it
                "--armeria.ports[0].port=" + config.port(Component.ZIPKIN),
                "--armeria.ports[0].ip=127.0.0.1",
                "--armeria.ports[0].protocols[0]=http"));
        Map<String, String> env = new java.util.LinkedHashMap<>();
        env.put("STORAGE_TYPE", "mem");
        env.put("QUERY_PORT", String.valueOf(config.port(Component.ZIPKIN)));
        // ~1 KiB a span: the newest 50,000 fit the heap; older traces are dropped first
        env.put("MEM_MAX_SPANS", "50000");
        launch(zipkin, command, env, started);
        awaitReady(zipkin, () -> Probes.httpOk(config.zipkinUrl() + "/health"));
    }

    private void startService(Instance instance, Path jar, List<Instance> started) {
        Component service = instance.component();
        if (instance.index() == 0 && jar.startsWith(config.cacheDir()) && apps.recordsCache(service)) {
            out.println("  " + service.id()
                    + ": first start of this build, training its start-up cache (written when it stops, used from the"
                    + " next start)");
        }
        launch(instance, apps.command(instance, jar), apps.environment(instance), started);
        awaitReady(instance, () -> "UP".equals(Probes.health(config.port(instance))));
    }

    private void launch(Instance c, List<String> command, Map<String, String> env, List<Instance> started) {
        startedAt.put(c, Instant.now());
        Map<String, String> withArenas = new java.util.LinkedHashMap<>();
        // glibc gives every thread that mallocs its own arena, up to 8 per core, and keeps what the
        // JIT compilers freed in each: two arenas keep eight JVMs' resident memory down at no cost here
        withArenas.put("MALLOC_ARENA_MAX", System.getenv().getOrDefault("MALLOC_ARENA_MAX", "2"));
        withArenas.putAll(env);
        Processes.start(c, command, withArenas, config.root(), config.logFile(c), pidFile(c));
        started.add(c);
    }

    private void awaitReady(Instance c, Supplier<Boolean> ready) {
        Instant begin = startedAt.getOrDefault(c, Instant.now());
        Instant deadline = begin.plus(config.startTimeout());
        while (true) {
            if (ready.get()) {
                Duration took = Duration.between(begin, Instant.now());
                readyAfter.put(c, took);
                out.printf("  %-20s ready after %5.1f s%n", c.id(), took.toMillis() / 1000.0);
                return;
            }
            if (process(c).isEmpty()) {
                throw new StackException(c.id() + " exited during start-up. Last lines of " + config.logFile(c) + ":\n"
                        + String.join("\n", Probes.tail(config.logFile(c), 40)));
            }
            if (Instant.now().isAfter(deadline)) {
                throw new StackException(
                        c.id() + " not ready after " + config.startTimeout().toSeconds()
                                + " s. Last lines of " + config.logFile(c) + ":\n"
                                + String.join("\n", Probes.tail(config.logFile(c), 40)));
            }
            sleep(Duration.ofMillis(200));
        }
    }

    /**
     * Seeds and warms up side by side (the warm-up uses records of its own, not the demo data): a
     * failed seed is rethrown once the warm-up is done, a failed warm-up is only reported, since
     * the stack serves without it, just slower at first.
     */
    private void seedAndWarmUp() {
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<?> seeding = config.seed() ? pool.submit(this::seed) : null;
            if (config.warmUp()) {
                out.println(
                        "  warm-up: real orders (own customer and products, not the demo data) until they are fast ...");
                try {
                    WarmUp.Result result = new WarmUp(
                                    config.gatewayUrl(),
                                    setting("AUTH_ADMIN_USERNAME", Seeder.DEFAULT_ADMIN_USERNAME),
                                    setting("AUTH_ADMIN_PASSWORD", Seeder.DEFAULT_ADMIN_PASSWORD))
                            .run();
                    out.printf("  %-20s %s%n", "warm-up", result);
                } catch (StackException e) {
                    out.println(
                            "  warm-up skipped: " + e.getMessage() + " (the stack runs; the first orders are slower)");
                }
            }
            if (seeding != null) {
                get(seeding);
            }
        }
    }

    /** Creates the demo data through the gateway (idempotent). */
    public SeedReport seed() {
        String username = setting("AUTH_ADMIN_USERNAME", Seeder.DEFAULT_ADMIN_USERNAME);
        String password = setting("AUTH_ADMIN_PASSWORD", Seeder.DEFAULT_ADMIN_PASSWORD);
        Instant begin = Instant.now();
        SeedReport report;
        try {
            report = new Seeder(config.gatewayUrl(), username, password, null).seed(SeedData.bundled());
        } catch (Seeder.SeedException e) {
            throw new SeedFailed("seeding the demo data failed: " + e.getMessage()
                    + "\nThe services are running; once fixed, seed again with: ./stack seed");
        }
        out.printf(
                "  %-20s %s (%.1f s)%n",
                "seed", report, Duration.between(begin, Instant.now()).toMillis() / 1000.0);
        return report;
    }

    /** A service setting as the services see it: the stack's extra environment, then ours. */
    public String setting(String name, String fallback) {
        String value = config.serviceEnv().get(name);
        if (value == null) {
            value = System.getenv(name);
        }
        return value == null || value.isBlank() ? fallback : value;
    }

    /** The stack is up, but the demo data could not be created. */
    public static final class SeedFailed extends StackException {
        public SeedFailed(String message) {
            super(message);
        }
    }

    // ---------------------------------------------------------------- down / stop

    /** Stops every process of this stack: the gateways first, then the services, then broker and store. */
    public List<Component> down() {
        List<Instance> running = new ArrayList<>();
        for (Instance i : knownInstances()) {
            if (process(i).isPresent()) {
                running.add(i);
            }
        }
        stopAll(running);
        return running.stream().map(Instance::component).distinct().toList();
    }

    /**
     * Every instance this stack may have running: those of its config, and any other whose pid file
     * is there (an earlier {@code up --replicas 3}, say, that a plain {@code down} must still stop).
     */
    public List<Instance> knownInstances() {
        List<Instance> known = new ArrayList<>(config.instances());
        for (Component c : Component.values()) {
            for (int index = 0; index < (c.isReplicated() ? StackConfig.MAX_REPLICAS : 1); index++) {
                Instance i = new Instance(c, index);
                if (!known.contains(i) && Files.exists(pidFile(i))) {
                    known.add(i);
                }
            }
        }
        return known;
    }

    private void stopAll(List<Instance> instances) {
        List<List<Component>> waves = List.of(
                List.of(Component.GATEWAY, Component.CONSOLE, Component.ZIPKIN),
                List.of(Component.AUTH, Component.CUSTOMER, Component.INVENTORY, Component.PAYMENT, Component.ORDER),
                List.of(Component.KAFKA),
                List.of(Component.MONGO));
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (List<Component> wave : waves) {
                List<Future<?>> stops = new ArrayList<>();
                for (Instance i : instances) {
                    if (wave.contains(i.component())) {
                        stops.add(pool.submit(() -> stop(i)));
                    }
                }
                await(stops);
            }
        }
    }

    /** Stops the first instance of a component; see {@link #stop(Instance)}. */
    public boolean stop(Component c) {
        return stop(Instance.first(c));
    }

    /** Stops one instance (SIGTERM, SIGKILL after the grace period); false if it was not running. */
    public boolean stop(Instance c) {
        Optional<ProcessHandle> handle = process(c);
        if (handle.isEmpty()) {
            deletePidFile(c);
            return false;
        }
        boolean recording = handle.get()
                .info()
                .commandLine()
                .map(StartupCache::recordsOnExit)
                .orElse(false);
        if (recording) {
            out.printf(
                    "  %-20s writing its start-up cache (once after a new build; the next start is faster)%n", c.id());
        }
        // a JVM writes its start-up cache on exit: give it the time to finish (AOT takes long)
        Duration grace = recording ? config.stopGrace().plusSeconds(120) : config.stopGrace();
        Instant begin = Instant.now();
        boolean killed = Processes.stop(handle.get(), grace);
        deletePidFile(c);
        out.printf(
                "  %-20s %s (%.1f s)%n",
                c.id(),
                killed ? "killed after the grace period" : "stopped",
                Duration.between(begin, Instant.now()).toMillis() / 1000.0);
        return true;
    }

    /** SIGKILL, no grace: a crash, for the fault tests. */
    public void kill(Component c) {
        kill(Instance.first(c));
    }

    /** SIGKILL one instance, no grace. */
    public void kill(Instance c) {
        process(c).ifPresent(Processes::kill);
        deletePidFile(c);
    }

    /** Stops everything and deletes the data directory. */
    public void reset() {
        down();
        Path dir = config.dataDir();
        if (!Files.exists(dir)) {
            return;
        }
        boolean ours = Files.exists(dir.resolve("pids"))
                || Files.exists(dir.resolve("logs"))
                || Files.exists(dir.resolve("stack.properties"));
        if (!ours) {
            throw new StackException(dir + " does not look like a stack data directory; not deleting it");
        }
        try {
            ServiceApps.deleteTree(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------- status

    /** One row of the readiness / status table. */
    public record Row(
            Instance instance, int port, Long pid, String health, Instant started, Duration readyAfter, long rss) {

        public Component component() {
            return instance.component();
        }
    }

    public List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        for (Instance i : knownInstances()) {
            Component c = i.component();
            Optional<ProcessHandle> handle = process(i);
            int port = config.port(i);
            String health;
            if (handle.isEmpty()) {
                health = "stopped";
            } else if (c.isService()) {
                health = Probes.health(port);
            } else if (c == Component.ZIPKIN) {
                health = Probes.httpOk(config.zipkinUrl() + "/health") ? "UP" : "-";
            } else {
                health = Probes.accepts(port) ? "UP" : "-";
            }
            rows.add(new Row(
                    i,
                    port,
                    handle.map(ProcessHandle::pid).orElse(null),
                    health,
                    handle.flatMap(h -> h.info().startInstant()).orElse(null),
                    readyAfter.get(i),
                    handle.map(h -> Processes.rssBytes(h.pid())).orElse(0L)));
        }
        return rows;
    }

    public void printTable() {
        List<Row> rows = rows();
        out.println();
        out.printf(
                "%-20s %6s %8s %-8s %-9s %8s %9s%n", "SERVICE", "PORT", "PID", "HEALTH", "STARTED", "READY IN", "RSS");
        long total = 0;
        for (Row r : rows) {
            total += r.rss();
            out.printf(
                    "%-20s %6d %8s %-8s %-9s %8s %9s%n",
                    r.instance().id(),
                    r.port(),
                    r.pid() == null ? "-" : r.pid(),
                    r.health(),
                    r.started() == null
                            ? "-"
                            : LocalTime.ofInstant(r.started().truncatedTo(ChronoUnit.SECONDS), ZoneId.systemDefault())
                                    .format(CLOCK),
                    r.readyAfter() == null
                            ? "-"
                            : String.format("%.1f s", r.readyAfter().toMillis() / 1000.0),
                    r.rss() == 0 ? "-" : (r.rss() >> 20) + " MiB");
        }
        out.printf("%-20s %6s %8s %-8s %-9s %8s %9s%n", "total", "", "", "", "", "", (total >> 20) + " MiB");
    }

    // ---------------------------------------------------------------- helpers

    public Optional<ProcessHandle> process(Component c) {
        return process(Instance.first(c));
    }

    public Optional<ProcessHandle> process(Instance i) {
        return Processes.alive(i, pidFile(i), config.dataDir());
    }

    public Path pidFile(Component c) {
        return pidFile(Instance.first(c));
    }

    /** {@code <data>/pids/order-service.pid}, {@code order-service-1.pid} for instance 1. */
    public Path pidFile(Instance i) {
        return config.pidDir().resolve(i.fileName() + ".pid");
    }

    public List<String> logTail(Component c, int lines) {
        return logTail(Instance.first(c), lines);
    }

    public List<String> logTail(Instance i, int lines) {
        return Probes.tail(config.logFile(i), lines);
    }

    private void deletePidFile(Instance i) {
        try {
            Files.deleteIfExists(pidFile(i));
        } catch (IOException ignored) {
            // a stale pid file is ignored by the liveness check anyway
        }
    }

    private static <T> T get(Future<T> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new StackException(e.getCause().toString(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted", e);
        }
    }

    /** Waits for all; the first failure is rethrown after every task finished. */
    private static void await(List<Future<?>> futures) {
        RuntimeException first = null;
        for (Future<?> f : futures) {
            try {
                get(f);
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted", e);
        }
    }
}
