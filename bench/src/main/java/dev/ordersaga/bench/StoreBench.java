package dev.ordersaga.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench store}: the local MongoDB-compatible store alone, driven with the services' command mix (versioned
 * replace, conditional {@code $inc} guarded by the available count, unique inserts, {@code _id: {$in: …}} loads,
 * bulk writes, the deadline sweep's range query, a sorted page) from N concurrent clients, with a history of orders
 * already stored. Reports commands/s, the store process's CPU per command (from /proc) and p99 per command.
 */
@Command(
        name = "store",
        mixinStandardHelpOptions = true,
        description = "The local store alone: the services' command mix from N clients over a history of orders.")
class StoreBench implements Callable<Integer> {

    @Option(
            names = "--classpath",
            description = "start StoreMain from this class path (a fresh data directory per history size)")
    String classpath;

    @Option(names = "--uri", description = "or: a running store (mongodb://host:port) ...")
    String uri;

    @Option(names = "--pid", description = "... and its process id, for its CPU time")
    long pid;

    @Option(names = "--store-jvm", defaultValue = "-Xmx768m -XX:+UseSerialGC", description = "JVM options of StoreMain")
    String storeJvm;

    @Option(names = "--history", defaultValue = "1000,100000", split = ",", description = "orders stored before a run")
    List<Integer> histories;

    @Option(names = "--clients", defaultValue = "8,100", split = ",", description = "concurrent clients")
    List<Integer> clientCounts;

    @Option(names = "--duration", defaultValue = "20s", description = "measured time per run")
    Duration duration;

    @Option(names = "--warmup", defaultValue = "8s", description = "unmeasured load before each run")
    Duration warmup;

    @Option(names = "--out", description = "also write the report (markdown) to this file")
    Path out;

    @Option(names = "--label", defaultValue = "", description = "a title for the report")
    String label;

    @Override
    public Integer call() throws Exception {
        StringBuilder report = new StringBuilder();
        report.append("# bench store")
                .append(label.isBlank() ? "" : ": " + label)
                .append("\n\n");
        report.append("Mix per simulated order: ")
                .append(String.join(
                        ", ",
                        java.util.Arrays.stream(StoreClient.Cmd.values())
                                .map(c -> c.label)
                                .toList()))
                .append(" (the sweep and the page once every 10 orders per client).\n\n");
        report.append(String.format(
                Locale.ROOT,
                "| history | clients | commands/s | store CPU ms/command | p50 ms | p99 ms (all) | RSS MB | load avg |%n"
                        + "|---|---|---|---|---|---|---|---|%n"));
        StringBuilder detail = new StringBuilder();
        for (int history : histories) {
            try (BenchedStore store = BenchedStore.open(classpath, uri, pid, storeJvm, history)) {
                try (MongoClient client = BenchedStore.client(store.uri(), 200)) {
                    MongoDatabase db = client.getDatabase("ecommerce_bench");
                    db.drop();
                    ServiceIndexes.create(db);
                    long seedStart = System.nanoTime();
                    StoreData.seed(db, history);
                    System.out.printf("history %d stored in %.1f s%n", history, (System.nanoTime() - seedStart) / 1e9);
                    for (int clients : clientCounts) {
                        Result result = run(db, store.pid(), clients);
                        report.append(String.format(
                                Locale.ROOT,
                                "| %d | %d | %.0f | %.3f | %.2f | %.2f | %d | %s |%n",
                                history,
                                clients,
                                result.commandsPerSecond(),
                                result.cpuMsPerCommand(),
                                result.all.getValueAtPercentile(50) / 1000.0,
                                result.all.getValueAtPercentile(99) / 1000.0,
                                BenchedStore.rssMb(store.pid()),
                                result.load));
                        detail.append(String.format(
                                Locale.ROOT,
                                "%n### %d orders of history, %d clients%n%n| command | count | p50 ms | p99 ms |%n|---|---|---|---|%n",
                                history,
                                clients));
                        for (var entry : result.perCommand.entrySet()) {
                            Histogram h = entry.getValue();
                            detail.append(String.format(
                                    Locale.ROOT,
                                    "| %s | %d | %.2f | %.2f |%n",
                                    entry.getKey().label,
                                    h.getTotalCount(),
                                    h.getValueAtPercentile(50) / 1000.0,
                                    h.getValueAtPercentile(99) / 1000.0));
                        }
                        System.out.print(report);
                    }
                }
            }
        }
        report.append(detail);
        System.out.println();
        System.out.print(report);
        if (out != null) {
            Files.writeString(out, report);
        }
        return 0;
    }

    private record Result(
            long commands,
            double seconds,
            double cpuSeconds,
            Histogram all,
            Map<StoreClient.Cmd, Histogram> perCommand,
            String load) {
        double commandsPerSecond() {
            return commands / seconds;
        }

        double cpuMsPerCommand() {
            return commands == 0 ? 0 : cpuSeconds * 1000 / commands;
        }
    }

    private Result run(MongoDatabase db, long storePid, int clients) throws Exception {
        AtomicBoolean recording = new AtomicBoolean(false);
        AtomicBoolean stop = new AtomicBoolean(false);
        AtomicLong failures = new AtomicLong();
        List<Map<StoreClient.Cmd, Histogram>> histograms = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(clients);
        for (int c = 0; c < clients; c++) {
            Map<StoreClient.Cmd, Histogram> mine = new EnumMap<>(StoreClient.Cmd.class);
            for (StoreClient.Cmd cmd : StoreClient.Cmd.values()) {
                mine.put(cmd, LatencySummary.newHistogram());
            }
            histograms.add(mine);
            int clientNo = c;
            Thread thread = Thread.ofPlatform().daemon().start(() -> {
                try {
                    new StoreClient(db, clientNo, mine, recording).loop(stop, failures);
                } finally {
                    done.countDown();
                }
            });
            threads.add(thread);
        }
        Thread.sleep(warmup.toMillis());
        double cpuBefore = BenchedStore.cpuSeconds(storePid);
        long start = System.nanoTime();
        recording.set(true);
        Thread.sleep(duration.toMillis());
        recording.set(false);
        long end = System.nanoTime();
        double cpuAfter = BenchedStore.cpuSeconds(storePid);
        String load = Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        stop.set(true);
        done.await(60, TimeUnit.SECONDS);
        Histogram all = LatencySummary.newHistogram();
        Map<StoreClient.Cmd, Histogram> perCommand = new EnumMap<>(StoreClient.Cmd.class);
        for (StoreClient.Cmd cmd : StoreClient.Cmd.values()) {
            Histogram h = LatencySummary.newHistogram();
            for (var mine : histograms) {
                h.add(mine.get(cmd));
            }
            perCommand.put(cmd, h);
            all.add(h);
        }
        if (failures.get() > 0) {
            System.out.println("failed commands: " + failures.get());
        }
        return new Result(all.getTotalCount(), (end - start) / 1e9, cpuAfter - cpuBefore, all, perCommand, load);
    }
}
