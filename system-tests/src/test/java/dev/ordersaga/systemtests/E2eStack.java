package dev.ordersaga.systemtests;

import dev.ordersaga.localstack.Component;
import dev.ordersaga.localstack.Instance;
import dev.ordersaga.localstack.Ports;
import dev.ordersaga.localstack.ServiceApps;
import dev.ordersaga.localstack.Stack;
import dev.ordersaga.localstack.StackConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * The real stack for the end-to-end suite, started once for all test classes: the broker, the
 * store and the six service processes, on free ports, in a temporary data directory, with the demo
 * data. Stopped after the last test (the root store closes it), also when tests fail, and by a
 * shutdown hook if the test JVM itself is ended. When a test fails the tail of every component's
 * log is printed, and the data directory is kept for a look.
 */
public final class E2eStack implements BeforeAllCallback, TestWatcher {

    /** Orders not decided by then are cancelled by order-service (30 s in production; shorter here). */
    public static final String SAGA_DEADLINE = "10s";

    private static final Object LOCK = new Object();
    private static Running running;

    /**
     * How a stack is started: instances of each service, and whether a Zipkin server runs (on a free
     * port; the services send it their spans), whether {@code up} warms the JVMs up with orders
     * first, and whether the services run with the C1 JIT only ({@code quickStart}: a stack of many
     * instances starts much sooner on two cores, at a lower peak throughput). The shared stack takes them from the system properties {@code e2e.replicas} (default 1)
     * and {@code e2e.zipkin} (default true), and warms up.
     */
    public record Options(int replicas, boolean zipkin, boolean warmUp, boolean quickStart) {

        public static Options shared() {
            return new Options(
                    Integer.getInteger("e2e.replicas", 1),
                    Boolean.parseBoolean(System.getProperty("e2e.zipkin", "true")),
                    true,
                    false);
        }
    }

    /** The started stack and what the cases need from it. */
    public record Running(Stack stack, Map<String, String> variables, Duration startedIn, boolean shared)
            implements AutoCloseable {

        /** The first gateway. */
        public String gateway() {
            return stack.config().gatewayUrl();
        }

        /** Every gateway instance, the first one first. */
        public List<String> gateways() {
            return stack.config().gatewayUrls();
        }

        /**
         * The Zipkin server's base URL ({@code http://127.0.0.1:<port>}): {@code /api/v2/traces},
         * {@code /api/v2/trace/{id}}, {@code /api/v2/services} are its query API.
         *
         * @throws IllegalStateException if this stack runs without Zipkin
         */
        public String zipkinUrl() {
            if (!stack.config().zipkin()) {
                throw new IllegalStateException("this stack runs without Zipkin (Options.zipkin false)");
            }
            return stack.config().zipkinUrl();
        }

        public String adminToken() {
            return variables.get("ADMIN_TOKEN");
        }

        public String customerToken() {
            return variables.get("TOKEN");
        }

        @Override
        public void close() {
            synchronized (LOCK) {
                stack.down();
                if (!failed) {
                    deleteQuietly(stack.config().dataDir());
                } else {
                    System.out.println("e2e: a test failed; the stack's data and logs are kept in "
                            + stack.config().dataDir());
                }
                if (shared && running == this) {
                    running = null;
                }
            }
        }
    }

    private static volatile boolean failed;

    /** The running stack (starts it on first use). */
    public static Running get() {
        synchronized (LOCK) {
            if (running == null) {
                running = start(Options.shared(), true);
            }
            return running;
        }
    }

    /** The shared stack if it runs already (nothing is started). */
    public static java.util.Optional<Running> sharedIfRunning() {
        synchronized (LOCK) {
            return java.util.Optional.ofNullable(running);
        }
    }

    /**
     * Stops the shared stack if it runs (the next {@link #get()} starts it again): for a test class
     * that needs a stack of its own and must not run two on a small machine.
     */
    public static void stopShared() {
        synchronized (LOCK) {
            if (running != null) {
                running.close();
            }
        }
    }

    /**
     * A stack of its own (free ports, its own data directory), besides or instead of the shared one;
     * the caller closes it. Call {@link #stopShared()} first unless two stacks can run at once.
     */
    public static Running startOwn(Options options) {
        Running own = start(options, false);
        synchronized (LOCK) {
            ownStack = own;
        }
        return own;
    }

    private static Running ownStack;

    /**
     * Stops the shared stack's processes and starts them again on the same data with other options
     * (more replicas, no Zipkin, no warm-up): what survives a restart is checked on it, and the test
     * of two replicas runs on it afterwards instead of on a stack started from nothing.
     */
    public static Running restartShared(Options options) {
        synchronized (LOCK) {
            Running old = get();
            old.stack().down();
            StackConfig config = withQuickStart(
                    old.stack()
                            .config()
                            .withReplicas(options.replicas())
                            .withZipkin(options.zipkin())
                            .withWarmUp(options.warmUp()),
                    options);
            Stack stack = new Stack(config, System.out);
            Duration took = up(stack);
            System.out.printf("e2e: stack restarted in %.1f s with %s%n", took.toMillis() / 1000.0, options);
            stack.printTable();
            // the same data directory: the old Running's close (at the end of the suite) stops these
            // processes too, by their pid files
            running = new Running(stack, old.variables(), took, true);
            return running;
        }
    }

    /** Starts {@code stack} and says how long it took; a failed start fails the suite and stops what started. */
    private static Duration up(Stack stack) {
        Instant begin = Instant.now();
        try {
            stack.up();
        } catch (RuntimeException e) {
            failed = true;
            stack.down();
            throw e;
        }
        return Duration.between(begin, Instant.now());
    }

    private static StackConfig withQuickStart(StackConfig config, Options options) {
        if (!options.quickStart()) {
            return config;
        }
        List<String> opts = new java.util.ArrayList<>(config.serviceJavaOpts());
        opts.add("-XX:TieredStopAtLevel=1");
        return config.withServiceJavaOpts(opts);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Running stack = get();
        // closed once, after the last test class of the run
        context.getRoot()
                .getStore(ExtensionContext.Namespace.GLOBAL)
                .computeIfAbsent(E2eStack.class, key -> stack, Running.class);
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        LOG_TAILS_ON_FAILURE.testFailed(context, cause);
    }

    /**
     * For a class on a stack of its own (not through this extension): a failure keeps the stack's logs and data and
     * prints their tails, as for the classes on the shared stack.
     */
    public static final TestWatcher LOG_TAILS_ON_FAILURE = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            printLogTails(context.getDisplayName() + " failed: " + cause);
        }
    };

    private static int tailsPrinted;

    /**
     * Prints the last lines of every component's log (for the first few failures of a run; after
     * that only where the logs are, so one broken service does not flood the build output).
     */
    public static void printLogTails(String why) {
        failed = true;
        Running stack = running != null ? running : ownStack;
        if (stack == null) {
            return;
        }
        synchronized (LOCK) {
            if (++tailsPrinted > 3) {
                System.out.println("==== " + why + "\n     (logs: "
                        + stack.stack().config().logDir() + ")");
                return;
            }
        }
        StringBuilder tails = new StringBuilder("\n==== " + why + "\n");
        for (Instance c : stack.stack().knownInstances()) {
            tails.append("---- last lines of ")
                    .append(stack.stack().config().logFile(c))
                    .append('\n');
            stack.stack()
                    .logTail(c, 25)
                    .forEach(line -> tails.append("  ").append(line).append('\n'));
        }
        System.out.println(tails);
    }

    private static Running start(Options options, boolean shared) {
        Path root = Path.of(System.getProperty("stack.repo-root", ".."))
                .toAbsolutePath()
                .normalize();
        Path libs = Path.of(System.getProperty("stack.kafka-libs", "../local-stack/target/kafka-libs"))
                .toAbsolutePath();
        Path dataDir;
        try {
            dataDir = Files.createTempDirectory("order-saga-e2e-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StackConfig config = StackConfig.defaults(root, libs)
                .withDataDir(dataDir)
                .withPorts(Ports.free())
                .withStartupCache(false)
                .withServiceEnv(Map.of(
                        "SAGA_DEADLINE",
                        SAGA_DEADLINE,
                        // the gateway's metrics too (DashboardMetricsIT): on its public port here, a
                        // loopback-only test stack; docker-compose.yml serves them on a management port
                        "MANAGEMENT_ENDPOINTS_WEB_EXPOSURE_INCLUDE",
                        "health,info,prometheus"))
                .withStartTimeout(Duration.ofSeconds(300))
                .withStopGrace(Duration.ofSeconds(20))
                .withReplicas(options.replicas())
                .withZipkin(options.zipkin())
                .withWarmUp(options.warmUp());
        config = withQuickStart(config, options);
        List<Component> missing = new ServiceApps(config).missingJars();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("The end-to-end suite runs the six service jars, and "
                    + missing.stream().map(Component::id).toList()
                    + " are not built (no jar under <module>/target). The reactor builds the services before"
                    + " system-tests: run ./mvnw -B verify from the repository root (or build them first with"
                    + " ./mvnw -B -DskipTests package).");
        }
        Stack stack = new Stack(config, System.out);
        Thread hook = new Thread(stack::down, "e2e-stack-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        Duration took = up(stack);
        System.out.printf("e2e: stack up in %.1f s (data in %s)%n", took.toMillis() / 1000.0, dataDir);
        stack.printTable();

        String gateway = config.gatewayUrl();
        Map<String, String> variables = new HashMap<>();
        variables.put("GW", gateway);
        variables.put("TOKEN", Http.login(gateway, "klea", "password123"));
        variables.put("ADMIN_TOKEN", Http.login(gateway, "admin", "admin12345"));
        variables.put("KEY", "e2e-" + UUID.randomUUID());
        return new Running(stack, variables, took, shared);
    }

    static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // a leftover temp file is harmless
                }
            });
        } catch (IOException ignored) {
            // as above
        }
    }
}
