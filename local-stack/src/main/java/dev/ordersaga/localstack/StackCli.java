package dev.ordersaga.localstack;

import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./stack}: the command line of the local stack. */
@Command(
        name = "stack",
        mixinStandardHelpOptions = true,
        description = "Runs order-saga on this machine: a Kafka broker, a MongoDB-compatible store and the six"
                + " services as separate processes, with the demo data.",
        subcommands = {
            StackCli.Up.class,
            StackCli.Down.class,
            StackCli.Status.class,
            StackCli.Logs.class,
            StackCli.Stop.class,
            StackCli.Reset.class,
            StackCli.Seed.class,
            StackCli.Kafka.class,
            StackCli.Events.class,
            DltCommand.class
        })
public final class StackCli implements Callable<Integer> {

    @Override
    public Integer call() {
        CommandLine.usage(this, System.out);
        return 0;
    }

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new StackCli());
        // everything after the tool name belongs to the Kafka tool, --help included
        cli.getSubcommands().get("kafka").setStopAtPositional(true).setUnmatchedOptionsArePositionalParams(true);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof StackException) {
                System.err.println("stack: " + e.getMessage());
                return 1;
            }
            throw e;
        });
        System.exit(cli.execute(args));
    }

    /** Where the repository and the data are; shared by every command. */
    static final class Location {
        @Option(
                names = "--root",
                defaultValue = "${env:STACK_ROOT}",
                description = "Repository root (default: the current directory, or where this launcher was built)")
        Path root;

        @Option(
                names = "--data-dir",
                defaultValue = "${env:STACK_DATA_DIR}",
                description = "Where the stack keeps pids, logs and data (default: <root>/.stack)")
        Path dataDir;

        Path root() {
            if (root != null) {
                return root.toAbsolutePath().normalize();
            }
            String property = System.getProperty("stack.repo-root");
            if (property != null) {
                return Path.of(property).toAbsolutePath().normalize();
            }
            Path cwd = Path.of("").toAbsolutePath();
            if (Files.isRegularFile(cwd.resolve("pom.xml")) && Files.isDirectory(cwd.resolve("local-stack"))) {
                return cwd;
            }
            // <root>/local-stack/target/local-stack-*.jar
            return launcherDir()
                    .map(dir -> dir.getParent().getParent())
                    .filter(dir -> Files.isRegularFile(dir.resolve("pom.xml")))
                    .orElse(cwd);
        }

        Path kafkaLibs(Path root) {
            String property = System.getProperty("stack.kafka-libs");
            if (property != null) {
                return Path.of(property);
            }
            return launcherDir()
                    .map(dir -> dir.resolve("kafka-libs"))
                    .filter(Files::isDirectory)
                    .orElse(root.resolve("local-stack").resolve("target").resolve("kafka-libs"));
        }

        /** The directory of the launcher jar (or of its classes directory). */
        static Optional<Path> launcherDir() {
            try {
                Path code = Path.of(StackCli.class
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .toURI());
                return Optional.ofNullable(code.toAbsolutePath().getParent());
            } catch (URISyntaxException | RuntimeException e) {
                return Optional.empty();
            }
        }

        StackConfig config() {
            Path r = root();
            StackConfig config = StackConfig.defaults(r, kafkaLibs(r));
            return dataDir == null ? config : config.withDataDir(dataDir);
        }

        /** The config of the stack that {@code up} last started here (its ports). */
        Stack running(PrintStream out) {
            return new Stack(config().withSavedPorts(), out);
        }
    }

    @Command(
            name = "up",
            mixinStandardHelpOptions = true,
            description = "Start (what is not running yet), seed, show the table.")
    static final class Up implements Callable<Integer> {
        @Mixin
        Location location;

        @Option(
                names = {"-d", "--detach"},
                description = "Return once ready and leave the stack running (default: run in the foreground,"
                        + " Ctrl-C stops everything)")
        boolean detach;

        @Option(names = "--no-seed", description = "Do not seed the demo data")
        boolean noSeed;

        @Option(
                names = "--no-startup-cache",
                description = "Run the service jars as they are, without the AOT/CDS cache")
        boolean noStartupCache;

        @Option(
                names = "--no-warm-up",
                description =
                        "Report ready without the warm-up orders (the first orders are then several times slower)")
        boolean noWarmUp;

        @Option(
                names = "--quick-start",
                description = "C1 JIT only in the services: starts ~40%% faster and answers the first requests"
                        + " sooner, but peak throughput is lower; not for benchmarks")
        boolean quickStart;

        @Option(
                names = "--replicas",
                paramLabel = "N",
                defaultValue = "${env:STACK_REPLICAS}",
                description = "Instances of each of the six services (default 1, or as many as the running stack"
                        + " has: a plain `up` after `stop order#1` brings that one back). Instance i listens"
                        + " on its service's port + 100 x i: gateways on 9080, 9180, 9280, ...; order-service on"
                        + " 9085, 9185, ...; addressed as <service>#i (./stack stop order#1)")
        Integer replicas;

        @Option(
                names = "--no-zipkin",
                description = "Do not run the Zipkin trace viewer (also STACK_ZIPKIN=off); the services then"
                        + " export no spans")
        boolean noZipkin;

        @Option(names = "--zipkin-port", defaultValue = "${env:STACK_ZIPKIN_PORT:-9411}")
        int zipkinPort;

        @Option(names = "--gateway-port", defaultValue = "${env:STACK_GATEWAY_PORT:-9080}")
        int gatewayPort;

        @Option(names = "--auth-port", defaultValue = "${env:STACK_AUTH_PORT:-9081}")
        int authPort;

        @Option(names = "--customer-port", defaultValue = "${env:STACK_CUSTOMER_PORT:-9082}")
        int customerPort;

        @Option(names = "--inventory-port", defaultValue = "${env:STACK_INVENTORY_PORT:-9083}")
        int inventoryPort;

        @Option(names = "--payment-port", defaultValue = "${env:STACK_PAYMENT_PORT:-9084}")
        int paymentPort;

        @Option(names = "--order-port", defaultValue = "${env:STACK_ORDER_PORT:-9085}")
        int orderPort;

        @Option(
                names = "--console-port",
                defaultValue = "${env:STACK_CONSOLE_PORT:-9086}",
                description = "the operator console (loopback only; default: ${DEFAULT-VALUE})")
        int consolePort;

        @Option(names = "--kafka-port", defaultValue = "${env:STACK_KAFKA_PORT:-9092}")
        int kafkaPort;

        @Option(names = "--kafka-controller-port", defaultValue = "${env:STACK_KAFKA_CONTROLLER_PORT:-9093}")
        int kafkaControllerPort;

        @Option(names = "--mongo-port", defaultValue = "${env:STACK_MONGO_PORT:-27017}")
        int mongoPort;

        @Option(
                names = "--service-java-opts",
                defaultValue = "${env:STACK_SERVICE_JAVA_OPTS}",
                description = "JVM options of every service (default: ${DEFAULT-VALUE} or "
                        + "-Xms32m -Xmx256m -XX:+UseSerialGC -Xss512k -XX:+ExitOnOutOfMemoryError)")
        String serviceJavaOpts;

        @Override
        public Integer call() throws InterruptedException {
            PrintStream out = System.out;
            Map<Component, Integer> ports = new EnumMap<>(Component.class);
            ports.put(Component.GATEWAY, gatewayPort);
            ports.put(Component.AUTH, authPort);
            ports.put(Component.CUSTOMER, customerPort);
            ports.put(Component.INVENTORY, inventoryPort);
            ports.put(Component.PAYMENT, paymentPort);
            ports.put(Component.ORDER, orderPort);
            ports.put(Component.CONSOLE, consolePort);
            ports.put(Component.KAFKA, kafkaPort);
            ports.put(Component.MONGO, mongoPort);
            ports.put(Component.ZIPKIN, zipkinPort);
            StackConfig config = location.config();
            for (Map.Entry<Component, Integer> e : ports.entrySet()) {
                config = config.withPort(e.getKey(), e.getValue());
            }
            config = config.withKafkaControllerPort(kafkaControllerPort)
                    .withSeed(!noSeed)
                    .withStartupCache(!noStartupCache)
                    .withWarmUp(!noWarmUp)
                    .withZipkin(!noZipkin && !isOff(System.getenv("STACK_ZIPKIN")));
            try {
                config = config.withReplicas(replicas != null ? replicas : runningReplicas(location));
            } catch (IllegalArgumentException e) {
                throw new StackException("--replicas: " + e.getMessage());
            }
            if (serviceJavaOpts != null && !serviceJavaOpts.isBlank()) {
                config = config.withServiceJavaOpts(
                        Arrays.asList(serviceJavaOpts.trim().split("\\s+")));
            }
            if (quickStart) {
                // the option was parsed but never applied: C1 only, as its description says
                List<String> opts = new ArrayList<>(config.serviceJavaOpts());
                opts.add("-XX:TieredStopAtLevel=1");
                config = config.withServiceJavaOpts(opts);
            }
            Stack stack = new Stack(config, out);
            Jdk.requireSupported();
            out.println("Starting order-saga on this machine (data in " + config.dataDir() + ", Java " + Jdk.feature()
                    + ")");
            Thread stopper = new Thread(
                    () -> {
                        out.println();
                        out.println("Stopping ...");
                        stack.down();
                    },
                    "stack-shutdown");
            if (!detach) {
                Runtime.getRuntime().addShutdownHook(stopper);
            }
            List<Component> started;
            int exit = 0;
            try {
                started = stack.up();
            } catch (Stack.SeedFailed e) {
                // the stack is up: say so loudly, and keep it running
                System.err.println("stack: " + e.getMessage());
                started = List.of(Component.values());
                exit = 4;
            } catch (StackException e) {
                if (!detach) {
                    Runtime.getRuntime().removeShutdownHook(stopper);
                }
                throw e;
            }
            stack.printTable();
            printNextCommands(out, config, stack);
            if (detach || started.isEmpty()) {
                if (!detach) {
                    Runtime.getRuntime().removeShutdownHook(stopper); // it was running before: not ours to stop
                }
                out.println("Running in the background. Stop it with: ./stack down");
                return exit;
            }
            out.println("Running in the foreground: Ctrl-C stops everything (./stack up -d runs it detached).");
            watch(stack, out);
            return 0;
        }

        /** The replicas of the stack that runs here, 1 if none does. */
        private static int runningReplicas(Location location) {
            Stack running = location.running(System.out);
            boolean anyAlive = running.knownInstances().stream()
                    .anyMatch(i -> running.process(i).isPresent());
            return anyAlive ? running.config().replicas() : 1;
        }

        static boolean isOff(String value) {
            return value != null
                    && List.of("off", "false", "no", "0").contains(value.trim().toLowerCase());
        }

        /** Reports a component that dies while the stack runs in the foreground. */
        private static void watch(Stack stack, PrintStream out) throws InterruptedException {
            List<Instance> reported = new ArrayList<>();
            while (true) {
                Thread.sleep(Duration.ofSeconds(2));
                List<Instance> all = stack.config().instances();
                if (all.stream().noneMatch(c -> stack.process(c).isPresent())) {
                    out.println("Every component has stopped (./stack down from elsewhere?); exiting.");
                    return;
                }
                for (Instance c : all) {
                    boolean alive = stack.process(c).isPresent();
                    if (!alive && !reported.contains(c)) {
                        reported.add(c);
                        out.println("!! " + c.id() + " is no longer running. Last lines of its log:");
                        stack.logTail(c, 20).forEach(line -> out.println("   " + line));
                        out.println("   (./stack up -d in another terminal starts it again)");
                    } else if (alive) {
                        reported.remove(c);
                    }
                }
            }
        }

        private static void printNextCommands(PrintStream out, StackConfig config, Stack stack) {
            String gw = config.gatewayUrl();
            out.println();
            if (config.replicas() > 1) {
                out.println("Gateways: " + String.join(", ", config.gatewayUrls()) + " (" + config.replicas()
                        + " instances of every service; ./stack stop <service>#<i> stops one)");
            }
            if (config.zipkin()) {
                out.println("Traces: " + config.zipkinUrl() + "/zipkin/ (Zipkin, in memory; ./stack up --no-zipkin"
                        + " runs without it)");
            }
            out.println();
            out.println("Try it (as in the README; demo user klea / password123):");
            out.println("  curl -X POST " + gw + "/api/auth/login -H \"Content-Type: application/json\" \\");
            out.println("    -d '{\"username\": \"klea\", \"password\": \"password123\"}'");
            out.println();
            out.println("  curl -X POST " + gw + "/api/create_order -H \"Content-Type: application/json\" \\");
            out.println("    -d '{\"token\": \"<token>\", \"customer_id\": \"6849dd2562e5fa1c135a04fb\",");
            out.println("         \"products\": [{\"product_id\": \"6849dd2a5b6717b8055f93a9\", \"quantity\": 1},");
            out.println("                      {\"product_id\": \"6849dd2b5b6717b8055f93aa\", \"quantity\": 2}],");
            out.println("         \"payment_method\": \"credit_card\",");
            out.println("         \"shipping_address\": \"123 Main St, City, State 12345\",");
            out.println("         \"billing_address\": \"123 Main St, City, State 12345\"}'");
            out.println();
            out.println("Admin (DEV ONLY, override with AUTH_ADMIN_USERNAME / AUTH_ADMIN_PASSWORD): "
                    + stack.setting("AUTH_ADMIN_USERNAME", "admin") + " / "
                    + stack.setting("AUTH_ADMIN_PASSWORD", "admin12345"));
            out.println(
                    "More: ORDER_TEST_CASES.md (every outcome as a curl), ./stack events -f, ./stack logs gateway -f,"
                            + " ./stack kafka topics --list, ./stack status, ./stack down");
            out.println();
        }
    }

    @Command(
            name = "down",
            mixinStandardHelpOptions = true,
            description = "Stop every process this stack started (by pid).")
    static final class Down implements Callable<Integer> {
        @Mixin
        Location location;

        @Override
        public Integer call() {
            List<Component> stopped = location.running(System.out).down();
            System.out.println(
                    stopped.isEmpty() ? "Nothing was running." : "Stopped. Data is kept (./stack reset wipes it).");
            return 0;
        }
    }

    @Command(
            name = "stop",
            mixinStandardHelpOptions = true,
            description = "Stop one component (./stack up starts it again).")
    static final class Stop implements Callable<Integer> {
        @Mixin
        Location location;

        @Parameters(
                paramLabel = "COMPONENT",
                description = "gateway, auth, customer, inventory, payment, order, kafka, mongo or zipkin: every"
                        + " instance of it; <service>#<i> (order#1) for one instance")
        String component;

        @Override
        public Integer call() {
            Stack stack = location.running(System.out);
            for (Instance i : select(stack, component)) {
                if (!stack.stop(i)) {
                    System.out.println(i.id() + " was not running.");
                }
            }
            return 0;
        }
    }

    @Command(
            name = "status",
            mixinStandardHelpOptions = true,
            description = "Show every component: port, pid, health, memory.")
    static final class Status implements Callable<Integer> {
        @Mixin
        Location location;

        @Override
        public Integer call() {
            Stack stack = location.running(System.out);
            stack.printTable();
            boolean allUp = stack.rows().stream().allMatch(r -> "UP".equals(r.health()));
            return allUp ? 0 : 3;
        }
    }

    @Command(
            name = "reset",
            mixinStandardHelpOptions = true,
            description = "Stop everything and delete the data directory.")
    static final class Reset implements Callable<Integer> {
        @Mixin
        Location location;

        @Override
        public Integer call() {
            Stack stack = location.running(System.out);
            stack.reset();
            System.out.println("Stopped and wiped " + stack.config().dataDir());
            return 0;
        }
    }

    @Command(name = "seed", mixinStandardHelpOptions = true, description = "Create the demo data again (idempotent).")
    static final class Seed implements Callable<Integer> {
        @Mixin
        Location location;

        @Override
        public Integer call() {
            location.running(System.out).seed();
            return 0;
        }
    }

    @Command(
            name = "logs",
            mixinStandardHelpOptions = true,
            description = "Show a component's log (all of them without a name); -f follows.")
    static final class Logs implements Callable<Integer> {
        @Mixin
        Location location;

        @Parameters(arity = "0..1", paramLabel = "COMPONENT")
        String component;

        @Option(names = {"-f", "--follow"})
        boolean follow;

        @Option(
                names = {"-n", "--lines"},
                defaultValue = "100",
                description = "Lines to show first (default ${DEFAULT-VALUE}; 20 each without a name)")
        int lines;

        @Override
        public Integer call() throws IOException, InterruptedException {
            Stack stack = location.running(System.out);
            StackConfig config = stack.config();
            List<Instance> components = component == null ? stack.knownInstances() : select(stack, component);
            int first = component == null ? Math.min(lines, 20) : lines;
            long[] offsets = new long[components.size()];
            for (int i = 0; i < components.size(); i++) {
                Instance c = components.get(i);
                Path log = config.logFile(c);
                if (components.size() > 1) {
                    System.out.println("==> " + log + " <==");
                }
                Probes.tail(log, first).forEach(System.out::println);
                offsets[i] = Probes.size(log);
            }
            while (follow) {
                Thread.sleep(Duration.ofMillis(300));
                for (int i = 0; i < components.size(); i++) {
                    offsets[i] = printNew(
                            config.logFile(components.get(i)),
                            offsets[i],
                            components.size() > 1 ? "[" + components.get(i).shortName() + "] " : "");
                }
            }
            return 0;
        }

        private static long printNew(Path log, long offset, String prefix) throws IOException {
            long size = Probes.size(log);
            if (size < offset) {
                return 0; // the file was replaced (reset)
            }
            if (size == offset) {
                return offset;
            }
            try (RandomAccessFile raf = new RandomAccessFile(log.toFile(), "r")) {
                raf.seek(offset);
                byte[] bytes = new byte[(int) Math.min(size - offset, 8 * 1024 * 1024)];
                raf.readFully(bytes);
                String text = new String(bytes, StandardCharsets.UTF_8);
                int end = text.lastIndexOf('\n');
                if (end < 0) {
                    return offset; // wait for the rest of the line
                }
                for (String line : text.substring(0, end).split("\n", -1)) {
                    System.out.println(prefix + line);
                }
                return offset + text.substring(0, end + 1).getBytes(StandardCharsets.UTF_8).length;
            }
        }
    }

    @Command(
            name = "kafka",
            mixinStandardHelpOptions = false,
            description = "Run a Kafka command-line tool against the local broker: console-consumer, console-producer,"
                    + " topics, consumer-groups, get-offsets, configs, metadata-quorum, cluster (or a class name)."
                    + " --bootstrap-server is added when absent.")
    static final class Kafka implements Callable<Integer> {
        @Mixin
        Location location;

        @Parameters(index = "0", paramLabel = "TOOL")
        String tool;

        @Parameters(index = "1..*", paramLabel = "ARGS")
        List<String> args = new ArrayList<>();

        @Override
        public Integer call() throws IOException, InterruptedException {
            Stack stack = location.running(System.out);
            List<String> command = stack.broker().toolCommand(tool, args == null ? List.of() : args);
            return new ProcessBuilder(command).inheritIO().start().waitFor();
        }
    }

    @Command(
            name = "events",
            mixinStandardHelpOptions = true,
            description = "Every saga event in time order, one line each (time, topic, type, order id, key fields).")
    static final class Events implements Callable<Integer> {
        @Mixin
        Location location;

        @Option(names = "--order", paramLabel = "ID", description = "Only this order's events")
        String order;

        @Option(
                names = {"-f", "--follow"},
                description = "Keep printing new events")
        boolean follow;

        @Override
        public Integer call() throws IOException, InterruptedException {
            Stack stack = location.running(System.out);
            List<String> command = new ArrayList<>(
                    stack.broker().javaCommand("-Xmx128m", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"));
            // the Kafka jars first, then the launcher's own classes (EventsMain, events-schema, Jackson)
            int cp = command.indexOf("-cp") + 1;
            command.set(cp, command.get(cp) + java.io.File.pathSeparator + Jdk.ownClassPath());
            command.add("dev.ordersaga.localstack.events.EventsMain");
            command.add(stack.config().kafkaBootstrap());
            if (order != null) {
                command.add("--order");
                command.add(order);
            }
            if (follow) {
                command.add("-f");
            }
            return new ProcessBuilder(command).inheritIO().start().waitFor();
        }
    }

    /** {@code order#1}: that instance; {@code order}: every known instance of order-service. */
    static List<Instance> select(Stack stack, String name) {
        Instance parsed;
        try {
            parsed = Instance.parse(name);
        } catch (IllegalArgumentException e) {
            throw new StackException(e.getMessage());
        }
        if (name.contains("#")) {
            return List.of(parsed);
        }
        List<Instance> all = stack.knownInstances().stream()
                .filter(i -> i.component() == parsed.component())
                .toList();
        return all.isEmpty() ? List.of(parsed) : all;
    }

    static Component parse(String name) {
        try {
            return Component.byName(name);
        } catch (IllegalArgumentException e) {
            throw new StackException(e.getMessage());
        }
    }
}
