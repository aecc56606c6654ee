package dev.ordersaga.localstack;

import dev.ordersaga.seed.SeedReport;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The local stack: the store, the broker and the six services as separate processes of this
 * machine, started in dependency order, health-checked, seeded, and stopped in reverse order. Used
 * by {@code ./stack} and by the end-to-end tests alike.
 */
public final class Stack {

    private final StackConfig config;
    private final PrintStream out;
    private final ServiceApps apps;
    private final KafkaBroker broker;
    private final ProcessStarter starter;
    private final ProcessStopper stopper;

    public Stack(StackConfig config, PrintStream out) {
        this.config = config;
        this.out = out;
        this.apps = new ServiceApps(config);
        this.broker = new KafkaBroker(config);
        this.starter = new ProcessStarter(config, out, apps, broker, this::process);
        this.stopper = new ProcessStopper(config, out, this::process);
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
        Instant begin = Instant.now();
        List<Instance> started;
        try (StartLock lock = StartLock.acquire(config.dataDir())) {
            // the operator wants everything of this config running again: the supervisor may
            // restart what `stop` had held
            SupervisorState.of(config).releaseAll(config.instances());
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
            Probes.refuseTakenPorts(config, toStart);
            SavedSettings.save(config);
            started = starter.startAll(toStart, this::stopAll);
        }
        seedAndWarmUp();
        out.printf("Ready in %.1f s.%n", Duration.between(begin, Instant.now()).toMillis() / 1000.0);
        return List.copyOf(started);
    }

    private void seedAndWarmUp() {
        new Seeding(config, out).seedAndWarmUp();
    }

    /** Creates the demo data through the gateway (idempotent). */
    public SeedReport seed() {
        return new Seeding(config, out).seed();
    }

    /** A service setting as the services see it: the stack's extra environment, then ours. */
    public String setting(String name, String fallback) {
        return Seeding.setting(config, name, fallback);
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
        // first the supervisor, and everything held, so nothing is brought back while it stops
        SupervisorState supervision = SupervisorState.of(config);
        knownInstances().forEach(supervision::hold);
        SupervisorProcess.stop(config);
        List<Instance> running = new ArrayList<>();
        for (Instance i : knownInstances()) {
            if (process(i).isPresent()) {
                running.add(i);
            }
        }
        stopAll(running);
        supervision.clearRestarts();
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
        stopper.stopAll(instances);
    }

    /** Stops the first instance of a component; see {@link #stop(Instance)}. */
    public boolean stop(Component c) {
        return stop(Instance.first(c));
    }

    /**
     * Stops one instance on purpose (SIGTERM, SIGKILL after the grace period): the supervisor leaves
     * it down until the next {@code up}; false if it was not running.
     */
    public boolean stop(Instance c) {
        SupervisorState.of(config).hold(c);
        return stopNow(c);
    }

    private boolean stopNow(Instance c) {
        return stopper.stop(c);
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

    /** Every known instance: port, pid, health, start, readiness, memory and restarts. */
    public List<StatusTable.Row> rows() {
        return new StatusTable(this).rows();
    }

    public void printTable() {
        new StatusTable(this).print(out);
    }

    /** How long each instance this launcher started took to be ready. */
    Map<Instance, Duration> readyAfter() {
        return starter.readyAfter();
    }

    /** Starts one missing instance and waits until it is ready (the supervisor's restart). */
    public boolean startOne(Instance instance) {
        return starter.start(instance);
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
}
