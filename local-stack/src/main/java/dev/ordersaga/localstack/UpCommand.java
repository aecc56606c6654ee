package dev.ordersaga.localstack;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "up",
        mixinStandardHelpOptions = true,
        description = "Start (what is not running yet), seed, show the table.")
final class UpCommand implements Callable<Integer> {
    @Mixin
    StackLocation location;

    @Option(
            names = {"-d", "--detach"},
            description = "Return once ready and leave the stack running (default: run in the foreground,"
                    + " Ctrl-C stops everything)")
    boolean detach;

    @Option(names = "--no-seed", description = "Do not seed the demo data")
    boolean noSeed;

    @Option(names = "--no-startup-cache", description = "Run the service jars as they are, without the AOT/CDS cache")
    boolean noStartupCache;

    @Option(
            names = "--no-warm-up",
            description = "Report ready without the warm-up orders (the first orders are then several times slower)")
    boolean noWarmUp;

    @Option(
            names = "--start-timeout",
            paramLabel = "SECONDS",
            defaultValue = "${env:STACK_START_TIMEOUT:-180}",
            description = "How long a process may take to be ready (default ${DEFAULT-VALUE} s; a first start of many"
                    + " replicas on a busy machine needs more)")
    int startTimeout;

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
                .withTimeouts(
                        java.time.Duration.ofSeconds(startTimeout),
                        location.config().stopGrace())
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
        out.println(
                "Starting order-saga on this machine (data in " + config.dataDir() + ", Java " + Jdk.feature() + ")");
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
        // restarts what crashes from now on, in the foreground as detached (down stops it first)
        SupervisorProcess.ensureRunning(config);
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
    private static int runningReplicas(StackLocation location) {
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
                    out.println(
                            stack.process(c).isEmpty()
                                            && SupervisorState.of(stack.config())
                                                    .isHeld(c)
                                    ? "   (stopped on purpose; ./stack up starts it again)"
                                    : "   (the supervisor restarts it; ./stack status shows its restarts)");
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
        out.println("More: ORDER_TEST_CASES.md (every outcome as a curl), ./stack events -f, ./stack logs gateway -f,"
                + " ./stack kafka topics --list, ./stack status, ./stack down");
        out.println();
    }
}
