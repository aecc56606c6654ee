package dev.ordersaga.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bench run}: the relay baseline, warm-up, load with optional faults, then the invariants and a report. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = "Relay baseline, warm-up, load (with optional faults), settle, invariants, report.")
final class RunCommand implements Callable<Integer> {
    @Mixin
    Target target = new Target();

    @Mixin
    LoadOptions load = new LoadOptions(50, Duration.ofSeconds(30), Duration.ofSeconds(10), 50, Duration.ofSeconds(60));

    @Option(
            names = "--concurrency",
            defaultValue = "16",
            description = "closed-loop buyers when --rate 0 (default ${DEFAULT-VALUE})")
    int concurrency;

    @Option(names = "--count", defaultValue = "9223372036854775807", description = "stop after this many requests")
    long count;

    @Option(names = "--stock", defaultValue = "1000000", description = "stock of the run's product")
    int stock;

    @Option(names = "--max-in-flight", defaultValue = "4000")
    int maxInFlight;

    @Option(names = "--no-relay", description = "skip the bare relay baseline")
    boolean noRelay;

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

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("rate", load.rate > 0 ? load.rate : "closed loop");
        settings.put("concurrency", load.rate > 0 ? null : concurrency);
        settings.put("duration", load.duration.toString());
        settings.put("warmup", load.warmup.toString());
        settings.put("buyers", load.buyers);
        settings.put("mix", load.parsedMix().toString());
        String runId = Long.toString(System.currentTimeMillis(), 36);

        KafkaRelay.Result relay = null;
        if (!noRelay && load.rate > 0) {
            out.printf("bare Kafka relay (%d hops) at %.0f/s for %s ...%n", KafkaRelay.HOPS, load.rate, load.duration);
            relay = new KafkaRelay(target.kafka).run(load.rate, load.duration);
            out.printf(
                    "  relay p50 %.1f ms, p99 %.1f ms (%d/%d)%n",
                    relay.latency().p50(), relay.latency().p99(), relay.received(), relay.sent());
        }
        out.printf("setting up %d buyers and the run's products ...%n", load.buyers);
        var rig = LoadRig.prepare(target, target.gateways, runId, load.buyers, stock);
        settings.put("gateways", target.gateways.size());
        RunOrders warmupOrders = rig.warmUp(settings(load.warmup, Long.MAX_VALUE), out);

        List<String> faults = new ArrayList<>();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        scheduleFaults(scheduler, new Faults(target.kafka, pidDir, restartCommand, out), faults, out);
        out.printf(
                "load: %s for %s, mix %s ...%n",
                load.rate > 0 ? load.rate + "/s open loop" : concurrency + " buyers closed loop",
                load.duration,
                load.mix);
        var costs = new Costs(pidDir, Costs.portsWithInstances(pidDir));
        var costsBefore = costs.snapshot();
        var result = rig.load(out).run(settings(load.duration, count));
        scheduler.shutdown();
        scheduler.awaitTermination(2, TimeUnit.MINUTES);
        // Before the invariant check, whose listing of every order is no part of the run's cost.
        // Orders still finishing their saga are counted with the run: wait a moment for them.
        Thread.sleep(2000);
        var perOrder = Costs.perOrder(
                costsBefore, costs.snapshot(), result.acceptedOrderIds().size());
        out.printf(
                "%n  %d answers, %.1f/s, p50 %.1f ms, p99 %.1f ms, outcomes %s%n",
                result.overall().count(),
                result.throughput(),
                result.overall().p50(),
                result.overall().p99(),
                result.outcomes());
        out.print(UnexpectedAnswersTable.markdown(result.unexpected()));

        out.println("invariants (after the system settles):");
        var invariants = rig.check(warmupOrders.plus(result.orders()), load.settle);
        invariants.print(out);

        out.print(perOrder.markdown());
        var report = new Report.Run(load.name("run-" + runId), settings, result, relay, invariants, faults, perOrder);
        Path written = Report.write(load.results, report);
        out.println("results: " + written + " (+ .json, .png)");
        return invariants.pass() && result.failures() == 0 ? 0 : 1;
    }

    private void scheduleFaults(
            ScheduledExecutorService scheduler, Faults injector, List<String> faults, PrintStream out) {
        Duration duration = load.duration;
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
            scheduler.schedule(injector::poisonEveryTopic, duration.dividedBy(3).toMillis(), TimeUnit.MILLISECONDS);
        }
        if (duplicate > 0) {
            faults.add("last " + duplicate + " records of every partition re-published at " + duration.dividedBy(2));
            scheduler.schedule(
                    () -> injector.duplicateRecentEvents(duplicate),
                    duration.dividedBy(2).toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    private LoadGenerator.Settings settings(Duration length, long max) {
        return new LoadGenerator.Settings(load.rate, concurrency, length, max, load.parsedMix(), 42, maxInFlight);
    }
}
