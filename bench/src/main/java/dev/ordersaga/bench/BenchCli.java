package dev.ordersaga.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bench run|check|relay}: load, the physical floor and the invariants, against the running stack. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Load generator, bare Kafka relay and invariant checker for the order saga.",
        subcommands = {
            BenchCli.Run.class,
            BenchCli.Check.class,
            BenchCli.Relay.class,
            BenchCli.First.class,
            ChaosCommand.class,
            StoreBench.class
        })
public class BenchCli {

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchCli())
                .registerConverter(Duration.class, BenchCli::duration)
                .execute(args));
    }

    /** Accepts 30s, 500ms, 2m, or ISO-8601 (PT30S). */
    static Duration duration(String text) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        if (t.startsWith("pt") || t.startsWith("p")) {
            return Duration.parse(text.trim());
        }
        if (t.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
        }
        if (t.endsWith("s")) {
            return Duration.ofMillis((long) (Double.parseDouble(t.substring(0, t.length() - 1)) * 1000));
        }
        if (t.endsWith("m")) {
            return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)) * 60);
        }
        return Duration.parse(text);
    }

    static class Target {
        @Option(
                names = "--gateway",
                defaultValue = "http://localhost:9080",
                split = ",",
                description = "gateway URL (default ${DEFAULT-VALUE}); several, comma separated or repeated,"
                        + " spread the buyers over them (buyer b on gateway b mod n); set-up, admin calls and"
                        + " the invariant check use the first")
        List<String> gateways;

        /** Whether {@code --gateway} was given (else the default single gateway). */
        boolean gatewayGiven() {
            return gateways != null && !(gateways.size() == 1 && gateways.get(0).equals("http://localhost:9080"));
        }

        /** The first gateway: set-up, admin calls and the checker. */
        String gateway() {
            return gateways.get(0);
        }

        @Option(
                names = "--kafka",
                defaultValue = "localhost:9092",
                description = "Kafka bootstrap (default ${DEFAULT-VALUE})")
        String kafka;

        @Option(names = "--admin-user", defaultValue = "${env:AUTH_ADMIN_USERNAME:-admin}")
        String adminUser;

        @Option(
                names = "--admin-password",
                defaultValue = "${env:AUTH_ADMIN_PASSWORD:-admin12345}",
                description = "dev default admin12345")
        String adminPassword;
    }

    @Command(
            name = "run",
            mixinStandardHelpOptions = true,
            description = "Relay baseline, warm-up, load (with optional faults), settle, invariants, report.")
    static class Run implements Callable<Integer> {
        @CommandLine.Mixin
        Target target = new Target();

        @Option(
                names = "--rate",
                defaultValue = "50",
                description = "open-loop requests/s; 0 = closed loop (default ${DEFAULT-VALUE})")
        double rate;

        @Option(
                names = "--concurrency",
                defaultValue = "16",
                description = "closed-loop buyers when --rate 0 (default ${DEFAULT-VALUE})")
        int concurrency;

        @Option(names = "--duration", defaultValue = "30s")
        Duration duration;

        @Option(names = "--count", defaultValue = "9223372036854775807", description = "stop after this many requests")
        long count;

        @Option(
                names = "--warmup",
                defaultValue = "10s",
                description = "unrecorded load first, to warm the JITs (default ${DEFAULT-VALUE})")
        Duration warmup;

        @Option(names = "--buyers", defaultValue = "50")
        int buyers;

        @Option(names = "--stock", defaultValue = "1000000", description = "stock of the run's product")
        int stock;

        @Option(
                names = "--mix",
                defaultValue = "85,5,5,5",
                description = "valid,declined,out_of_stock,bad_request percent (default ${DEFAULT-VALUE})")
        String mix;

        @Option(names = "--max-in-flight", defaultValue = "4000")
        int maxInFlight;

        @Option(names = "--no-relay", description = "skip the bare relay baseline")
        boolean noRelay;

        @Option(
                names = "--settle",
                defaultValue = "60s",
                description = "how long to wait for every order to be terminal")
        Duration settle;

        @Option(
                names = "--kill",
                description = "SIGKILL this service mid-run and restart it: a name (inventory-service), one instance"
                        + " of a stack with replicas (inventory-service#1), or 'random'")
        String kill;

        @Option(names = "--kill-at", defaultValue = "10s")
        Duration killAt;

        @Option(names = "--kill-pause", defaultValue = "5s")
        Duration killPause;

        @Option(names = "--poison", description = "publish a poison record onto every saga topic mid-run")
        boolean poison;

        @Option(
                names = "--duplicate",
                defaultValue = "0",
                description = "re-publish the last N records of every partition mid-run")
        int duplicate;

        @Option(names = "--pid-dir", defaultValue = ".stack/pids")
        Path pidDir;

        @Option(names = "--restart-command", defaultValue = "./stack up -d")
        String restartCommand;

        @Option(names = "--results", defaultValue = "bench/results")
        Path results;

        @Option(names = "--label", description = "name of this run in the results")
        String label;

        @Override
        public Integer call() throws Exception {
            PrintStream out = System.out;
            Map<String, Object> settings = new LinkedHashMap<>();
            settings.put("rate", rate > 0 ? rate : "closed loop");
            settings.put("concurrency", rate > 0 ? null : concurrency);
            settings.put("duration", duration.toString());
            settings.put("warmup", warmup.toString());
            settings.put("buyers", buyers);
            settings.put("mix", Mix.parse(mix).toString());
            String runId = Long.toString(System.currentTimeMillis(), 36);
            String name = label != null ? label : "run-" + runId;
            var gateway = new GatewayClient(target.gateway());
            var admin = gateway.login(target.adminUser, target.adminPassword);

            KafkaRelay.Result relay = null;
            if (!noRelay && rate > 0) {
                out.printf("bare Kafka relay (%d hops) at %.0f/s for %s ...%n", KafkaRelay.HOPS, rate, duration);
                relay = new KafkaRelay(target.kafka).run(rate, duration);
                out.printf(
                        "  relay p50 %.1f ms, p99 %.1f ms (%d/%d)%n",
                        relay.latency().p50(), relay.latency().p99(), relay.received(), relay.sent());
            }
            out.printf("setting up %d buyers and the run's products ...%n", buyers);
            var fixture = BenchSetup.prepare(gateway, admin, runId, buyers, stock);
            List<GatewayClient> clients = new ArrayList<>(List.of(gateway));
            target.gateways.stream().skip(1).map(GatewayClient::new).forEach(clients::add);
            settings.put("gateways", target.gateways.size());
            Set<String> customers = fixture.buyers().stream()
                    .map(GatewayClient.Session::customerId)
                    .collect(Collectors.toSet());

            RunOrders warmupOrders = RunOrders.none();
            if (!warmup.isZero()) {
                out.printf("warm-up %s ...%n", warmup);
                var warm = new LoadGenerator(clients, fixture, out)
                        .run(settings(Duration.ofMillis(warmup.toMillis()), Long.MAX_VALUE));
                warmupOrders = warm.orders();
                out.println();
            }
            List<String> faults = new ArrayList<>();
            ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
            Faults injector = new Faults(target.kafka, pidDir, restartCommand, out);
            if (kill != null) {
                String victim = "random".equals(kill)
                        ? List.of(
                                        "auth-service",
                                        "customer-service",
                                        "inventory-service",
                                        "payment-service",
                                        "order-service",
                                        "gateway")
                                .get(ThreadLocalRandom.current().nextInt(6))
                        : kill;
                faults.add("SIGKILL " + victim + " at " + killAt + ", restarted after " + killPause);
                scheduler.schedule(
                        () -> {
                            try {
                                injector.killAndRestart(victim, killPause);
                            } catch (Exception e) {
                                out.println("\n  fault failed: " + e);
                                faults.add("FAILED to kill/restart " + victim + ": " + e.getMessage());
                            }
                        },
                        killAt.toMillis(),
                        TimeUnit.MILLISECONDS);
            }
            if (poison) {
                faults.add("poison record on every topic at " + duration.dividedBy(3));
                scheduler.schedule(
                        injector::poisonEveryTopic, duration.dividedBy(3).toMillis(), TimeUnit.MILLISECONDS);
            }
            if (duplicate > 0) {
                faults.add(
                        "last " + duplicate + " records of every partition re-published at " + duration.dividedBy(2));
                scheduler.schedule(
                        () -> injector.duplicateRecentEvents(duplicate),
                        duration.dividedBy(2).toMillis(),
                        TimeUnit.MILLISECONDS);
            }
            out.printf(
                    "load: %s for %s, mix %s ...%n",
                    rate > 0 ? rate + "/s open loop" : concurrency + " buyers closed loop", duration, mix);
            var costs = new Costs(pidDir, Costs.portsWithInstances(pidDir));
            var costsBefore = costs.snapshot();
            var load = new LoadGenerator(clients, fixture, out).run(settings(duration, count));
            scheduler.shutdown();
            scheduler.awaitTermination(2, TimeUnit.MINUTES);
            // Before the invariant check, whose listing of every order is no part of the run's cost.
            // Orders still finishing their saga are counted with the run: wait a moment for them.
            Thread.sleep(2000);
            var perOrder = Costs.perOrder(
                    costsBefore, costs.snapshot(), load.acceptedOrderIds().size());
            out.printf(
                    "%n  %d answers, %.1f/s, p50 %.1f ms, p99 %.1f ms, outcomes %s%n",
                    load.overall().count(),
                    load.throughput(),
                    load.overall().p50(),
                    load.overall().p99(),
                    load.outcomes());

            out.println("invariants (after the system settles):");
            var invariants =
                    new InvariantChecker(gateway, admin).check(warmupOrders.plus(load.orders()), customers, settle);
            invariants.print(out);

            out.print(perOrder.markdown());
            var report = new Report.Run(name, settings, load, relay, invariants, faults, perOrder);
            Path written = Report.write(results, report);
            out.println("results: " + written + " (+ .json, .png)");
            return invariants.pass() && load.failures() == 0 ? 0 : 1;
        }

        private LoadGenerator.Settings settings(Duration length, long max) {
            return new LoadGenerator.Settings(rate, concurrency, length, max, Mix.parse(mix), 42, maxInFlight);
        }
    }

    @Command(
            name = "check",
            mixinStandardHelpOptions = true,
            description = "Only the invariant checker, against the running stack.")
    static class Check implements Callable<Integer> {
        @CommandLine.Mixin
        Target target = new Target();

        @Option(names = "--settle", defaultValue = "60s")
        Duration settle;

        @Override
        public Integer call() {
            var gateway = new GatewayClient(target.gateway());
            var report = new InvariantChecker(gateway, gateway.login(target.adminUser, target.adminPassword))
                    .check(null, Set.of(), settle);
            report.print(System.out);
            return report.pass() ? 0 : 1;
        }
    }

    @Command(
            name = "first-orders",
            mixinStandardHelpOptions = true,
            description = "Right after ./stack up: buyers at once for a scarce product (exactly --stock x 201, the"
                    + " rest 409, no 504), then orders one at a time, with their latency from the first.")
    static class First implements Callable<Integer> {
        @CommandLine.Mixin
        Target target = new Target();

        @Option(names = "--buyers", defaultValue = "40")
        int buyers;

        @Option(names = "--stock", defaultValue = "10")
        int stock;

        @Option(names = "--sequential", defaultValue = "100")
        int sequential;

        @Override
        public Integer call() throws Exception {
            var gateway = new GatewayClient(target.gateway());
            var result = new FirstOrders(gateway, gateway.login(target.adminUser, target.adminPassword))
                    .run(buyers, stock, sequential);
            result.print(System.out);
            return result.pass() ? 0 : 1;
        }
    }

    @Command(name = "relay", mixinStandardHelpOptions = true, description = "Only the bare Kafka relay baseline.")
    static class Relay implements Callable<Integer> {
        @CommandLine.Mixin
        Target target = new Target();

        @Option(names = "--rate", defaultValue = "50")
        double rate;

        @Option(names = "--duration", defaultValue = "30s")
        Duration duration;

        @Override
        public Integer call() throws Exception {
            var result = new KafkaRelay(target.kafka).run(rate, duration);
            var l = result.latency();
            System.out.printf(
                    "relay %d hops at %.0f/s: %d/%d received, p50 %.2f ms, p90 %.2f, p99 %.2f, p99.9 %.2f, max %.2f%n",
                    KafkaRelay.HOPS,
                    rate,
                    result.received(),
                    result.sent(),
                    l.p50(),
                    l.p90(),
                    l.p99(),
                    l.p999(),
                    l.max());
            return result.received() == result.sent() ? 0 : 1;
        }
    }
}
