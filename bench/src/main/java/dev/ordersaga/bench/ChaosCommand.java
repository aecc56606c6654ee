package dev.ordersaga.bench;

import dev.ordersaga.seed.GatewayClient;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench chaos}: load at a steady rate while, at seeded random moments, any part of the stack is
 * SIGKILLed or frozen; then what each fault cost and the invariants.
 */
@Command(
        name = "chaos",
        mixinStandardHelpOptions = true,
        description = "Open-loop load while the broker, the store, any service instance or a gateway is SIGKILLed"
                + " (the stack's supervisor restarts it) or frozen (SIGSTOP, later SIGCONT) at seeded random moments,"
                + " sometimes two at once; then each fault's cost and the invariants.")
public class ChaosCommand implements Callable<Integer> {

    @CommandLine.Mixin
    Target target = new Target();

    @CommandLine.Mixin
    LoadOptions load = new LoadOptions(30, Duration.ofMinutes(10), Duration.ofSeconds(20), 10, Duration.ofSeconds(180));

    @Option(names = "--seed", defaultValue = "1", description = "the faults' seed: the same seed, the same faults")
    long seed;

    @Option(
            names = "--replicas",
            defaultValue = "1",
            description = "instances of each service the stack runs (./stack up --replicas N): every one is a target,"
                    + " and without --gateway the buyers spread over gateways 9080, 9180, ...")
    int replicas;

    @Option(names = "--gap-min", defaultValue = "20s", description = "from a fault's end to the next, at least")
    Duration gapMin;

    @Option(names = "--gap-max", defaultValue = "40s")
    Duration gapMax;

    @Option(names = "--freeze-min", defaultValue = "5s")
    Duration freezeMin;

    @Option(names = "--freeze-max", defaultValue = "60s")
    Duration freezeMax;

    @Option(names = "--kill-share", defaultValue = "0.5", description = "share of hits that are SIGKILLs")
    double killShare;

    @Option(names = "--double-share", defaultValue = "0.2", description = "share of faults hitting two at once")
    double doubleShare;

    @Option(
            names = "--targets",
            split = ",",
            description = "only these (kafka, mongo, order-service#1, ...; default: every running component)")
    List<String> targets;

    @Option(names = "--stack-dir", defaultValue = ".stack", description = "the stack's data directory")
    Path stackDir;

    @Option(
            names = "--restart-command",
            defaultValue = "./stack up -d --no-warm-up --no-seed",
            description = "run when a killed component is not back by --restart-wait (the supervisor should"
                    + " have restarted it)")
    String restartCommand;

    @Option(names = "--restart-wait", defaultValue = "60s")
    Duration restartWait;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        String loadBefore = loadAverage();
        List<String> gateways = target.gatewayGiven() ? target.gateways : gatewayUrls();
        String runId = Long.toString(System.currentTimeMillis(), 36);
        out.printf("setting up %d buyers ...%n", load.buyers);
        var rig = LoadRig.prepare(target, gateways, runId, load.buyers, 1_000_000);
        List<GatewayClient> clients = rig.clients();

        ChaosInjector injector = new ChaosInjector(stackDir, restartCommand, restartWait, out);
        List<String> hittable = targets != null ? targets : injector.targets(replicas);
        var plan = ChaosPlan.plan(
                new ChaosPlan.Settings(
                        load.duration,
                        gapMin,
                        gapMax,
                        freezeMin,
                        freezeMax,
                        killShare,
                        doubleShare,
                        Duration.ofSeconds(15),
                        seed),
                hittable);
        out.printf("%d faults planned over %s (seed %d) among %s:%n", plan.size(), load.duration, seed, hittable);
        plan.forEach(f -> out.printf("  #%d at %3d s: %s%n", f.number(), f.at().toSeconds(), f.describe()));

        RunOrders orders = rig.warmUp(settings(load.warmup), out);

        AnswerTimeline timeline = new AnswerTimeline(System.nanoTime());
        List<ChaosInjector.Done> done = new CopyOnWriteArrayList<>();
        Thread faults = Thread.ofPlatform().name("chaos").start(() -> {
            try {
                for (ChaosPlan.Fault fault : plan) {
                    long due = timeline.originNanos() + fault.at().toNanos();
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                    done.add(injector.inject(fault));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        out.printf("load: %.0f/s for %s over %d gateway(s) ...%n", load.rate, load.duration, clients.size());
        var result = rig.load(out).recordingInto(timeline).run(settings(load.duration));
        faults.join();
        orders = orders.plus(result.orders());
        out.printf("%n  %d answers, outcomes %s%n", result.overall().count(), result.outcomes());
        out.print(UnexpectedAnswersTable.markdown(result.unexpected()));
        out.println("invariants (after the system settles):");
        var invariants = rig.check(orders, load.settle);
        invariants.print(out);

        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("rate", load.rate);
        settings.put("duration", load.duration.toString());
        settings.put("seed", seed);
        settings.put("replicas", replicas);
        settings.put("gateways", clients.size());
        settings.put("gap", gapMin.toSeconds() + "-" + gapMax.toSeconds() + " s");
        settings.put("freeze", freezeMin.toSeconds() + "-" + freezeMax.toSeconds() + " s");
        settings.put("kill_share", killShare);
        settings.put("double_share", doubleShare);
        settings.put("buyers", load.buyers);
        settings.put("mix", load.parsedMix().toString());
        settings.put("warmup", load.warmup.toString());
        String command =
                "bench " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
        var run = new ChaosReport.Run(
                load.name("chaos-seed" + seed),
                command,
                settings,
                List.copyOf(done),
                timeline,
                result,
                invariants,
                loadBefore,
                loadAverage());
        Path written = ChaosReport.write(load.results, run);
        out.println("results: " + written + " (+ .svg)");
        return invariants.pass() ? 0 : 1;
    }

    private LoadGenerator.Settings settings(Duration length) {
        return new LoadGenerator.Settings(load.rate, 16, length, Long.MAX_VALUE, load.parsedMix(), seed, 4000);
    }

    /** Gateways 9080, 9180, ... (instance i on the first gateway's port + 100 i). */
    private List<String> gatewayUrls() {
        java.net.URI first = java.net.URI.create(target.gateway());
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < replicas; i++) {
            urls.add(first.getScheme() + "://" + first.getHost() + ":" + (first.getPort() + 100 * i));
        }
        return urls;
    }

    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " / " + parts[1] + " / " + parts[2];
        } catch (Exception e) {
            return "unknown";
        }
    }
}
