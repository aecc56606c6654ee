package dev.ordersaga.localstack;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

    @Mixin
    LaunchOptions launch;

    @Override
    public Integer call() throws InterruptedException {
        PrintStream out = System.out;
        StackConfig config = launch.apply(location.config(), System.getenv(), () -> runningReplicas(location));
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
