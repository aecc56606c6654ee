package dev.ordersaga.localstack;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Starts one process of the stack (the store, the broker, Zipkin or an instance of a service) and
 * waits until it is ready: what {@code up} does for each missing process, and what the supervisor
 * does for a crashed one.
 */
final class ProcessStarter {

    private static final String KAFKA_STARTED = "Kafka Server started";

    private final StackConfig config;
    private final PrintStream out;
    private final ServiceApps apps;
    private final KafkaBroker broker;
    private final Function<Instance, Optional<ProcessHandle>> process;
    private final Map<Instance, Duration> readyAfter = new ConcurrentHashMap<>();
    private final Map<Instance, Instant> startedAt = new ConcurrentHashMap<>();

    ProcessStarter(
            StackConfig config,
            PrintStream out,
            ServiceApps apps,
            KafkaBroker broker,
            Function<Instance, Optional<ProcessHandle>> process) {
        this.config = config;
        this.out = out;
        this.apps = apps;
        this.broker = broker;
        this.process = process;
    }

    /** How long each instance this starter started took to be ready. */
    Map<Instance, Duration> readyAfter() {
        return readyAfter;
    }

    /**
     * Starts one instance (its jar prepared first for a service) and waits until it is ready; the
     * supervisor's restart. Only the launch itself runs under the stack's start lock, so a second
     * launcher never starts the same instance twice; the wait for readiness does not.
     *
     * @return false if it was running already (someone else started it)
     */
    boolean start(Instance instance) {
        Component c = instance.component();
        Path jar = c.isService() ? apps.prepare(c) : null;
        List<Instance> started = new ArrayList<>();
        Supplier<Boolean> ready;
        try (StartLock lock = StartLock.acquire(config.dataDir())) {
            if (process.apply(instance).isPresent()) {
                return false;
            }
            ready = switch (c) {
                case MONGO -> launchStore(started);
                case KAFKA -> launchKafka(started);
                case ZIPKIN -> launchZipkin(started);
                default -> launchService(instance, jar, started);
            };
        }
        awaitReady(instance, ready);
        return true;
    }

    /**
     * Starts the given instances, the store and the broker first, Zipkin beside everything, and
     * waits until each is ready; on a failure stops what it started (with {@code stopAll}) and
     * rethrows. Called under the start lock.
     */
    List<Instance> startAll(List<Instance> toStart, java.util.function.Consumer<List<Instance>> stopAll) {
        List<Instance> started = Collections.synchronizedList(new ArrayList<>());
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
            Futures.await(infra);
            // auth starts first (the others verify tokens with its JWKS, fetched on the first
            // request, not at start-up), the others right behind it: on two cores the start-ups
            // overlap better than they queue
            List<Future<?>> rest = new ArrayList<>();
            for (Instance i : toStart) {
                if (i.component().isService()) {
                    Path jar = Futures.get(prepared.get(i.component()));
                    rest.add(pool.submit(() -> startService(i, jar, started)));
                }
            }
            if (zipkin != null) {
                rest.add(zipkin);
            }
            Futures.await(rest);
        } catch (RuntimeException e) {
            out.println("Start-up failed; stopping what this run started.");
            stopAll.accept(List.copyOf(started));
            throw e;
        }
        return List.copyOf(started);
    }

    void startStore(List<Instance> started) {
        awaitReady(Instance.first(Component.MONGO), launchStore(started));
    }

    void startKafka(List<Instance> started) {
        awaitReady(Instance.first(Component.KAFKA), launchKafka(started));
    }

    void startZipkin(List<Instance> started) {
        awaitReady(Instance.first(Component.ZIPKIN), launchZipkin(started));
    }

    void startService(Instance instance, Path jar, List<Instance> started) {
        awaitReady(instance, launchService(instance, jar, started));
    }

    private Supplier<Boolean> launchStore(List<Instance> started) {
        List<String> command = Jdk.javaCommand(
                Processes.marker(Component.MONGO, config.dataDir()),
                // every hop of every saga writes through this one process, which holds every document
                // in its heap (sized by the machine, see StackConfig.storeHeapFor): full C2, and it stops
                // (its journal intact) rather than limp when full
                "-Xms128m",
                "-Xmx" + config.storeHeap(),
                "-XX:+UseSerialGC",
                "-XX:+ExitOnOutOfMemoryError");
        // its JIT warm-up is on every order's path too: the same start-up cache as the services
        List<Path> classPath = LauncherJar.entries(config);
        addRestingAndCacheOptions(command, "mongo", classPath);
        command.addAll(List.of(
                "-cp",
                Jdk.classPath(classPath),
                "dev.ordersaga.localstack.store.StoreMain",
                "127.0.0.1",
                String.valueOf(config.port(Component.MONGO)),
                config.dataDir().resolve("mongo").toString()));
        launch(Instance.first(Component.MONGO), command, Map.of(), started);
        return () -> Probes.accepts(config.port(Component.MONGO));
    }

    /**
     * Memory given back at rest, and the start-up cache {@code name} of its own, kept only while it was made from
     * this class path.
     */
    private void addRestingAndCacheOptions(List<String> command, String name, List<Path> classPath) {
        command.addAll(Jdk.restingMemoryOptions());
        StartupCache.keepOnlyFor(config.cacheDir().resolve(name), classPath);
        command.addAll(StartupCache.options(config, name));
    }

    private Supplier<Boolean> launchKafka(List<Instance> started) {
        Path log = config.logFile(Component.KAFKA);
        broker.prepare(log);
        StartupCache.keepOnlyFor(config.cacheDir().resolve("kafka"), List.of(config.kafkaLibs()));
        long offset = Probes.size(log);
        launch(Instance.first(Component.KAFKA), broker.startCommand(), Map.of(), started);
        return () -> Probes.accepts(config.port(Component.KAFKA)) && Probes.contains(log, offset, KAFKA_STARTED);
    }

    /**
     * Zipkin with in-memory storage (traces are gone when it stops: a viewer for the last minutes,
     * not an archive), on loopback like everything else, with a small heap that caps the spans it
     * keeps, and C1 only: it is not on any order's path.
     */
    private Supplier<Boolean> launchZipkin(List<Instance> started) {
        Instance zipkin = Instance.first(Component.ZIPKIN);
        List<String> command = Jdk.javaCommand(
                Processes.marker(zipkin, config.dataDir()),
                "-Xms32m",
                "-Xmx256m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-XX:+ExitOnOutOfMemoryError");
        // its start-up runs beside the services' on the same cores: the same start-up cache
        addRestingAndCacheOptions(command, "zipkin", List.of(config.zipkinJar()));
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
        return () -> Probes.httpOk(config.zipkinUrl() + "/health");
    }

    private Supplier<Boolean> launchService(Instance instance, Path jar, List<Instance> started) {
        Component service = instance.component();
        if (instance.index() == 0 && jar.startsWith(config.cacheDir()) && apps.recordsCache(service)) {
            out.println("  " + service.id()
                    + ": first start of this build, training its start-up cache (written when it stops, used from the"
                    + " next start)");
        }
        launch(instance, apps.command(instance, jar), apps.environment(instance), started);
        return () -> "UP".equals(Probes.health(config.port(instance)));
    }

    private void launch(Instance c, List<String> command, Map<String, String> env, List<Instance> started) {
        startedAt.put(c, Instant.now());
        Map<String, String> withArenas = new java.util.LinkedHashMap<>();
        // glibc gives every thread that mallocs its own arena, up to 8 per core, and keeps what the
        // JIT compilers freed in each: two arenas keep eight JVMs' resident memory down at no cost here
        withArenas.put("MALLOC_ARENA_MAX", System.getenv().getOrDefault("MALLOC_ARENA_MAX", "2"));
        withArenas.putAll(env);
        Processes.start(
                c,
                command,
                withArenas,
                config.root(),
                config.logFile(c),
                config.pidDir().resolve(c.fileName() + ".pid"));
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
            if (process.apply(c).isEmpty()) {
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

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted", e);
        }
    }
}
