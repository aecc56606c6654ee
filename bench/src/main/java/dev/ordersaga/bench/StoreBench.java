package dev.ordersaga.bench;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.bson.Document;
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

    /** The commands of the mix, named after what the services send. */
    enum Cmd {
        SAGA_INSERT("unique insert (open saga)"),
        ORDER_INSERT("insert (order)"),
        LOAD_IN("find _id $in (orders)"),
        REPLACE("versioned replace (order)"),
        RESERVE("findAndModify $inc if available >= q"),
        RELEASE("update $inc (release)"),
        PAYMENT_INSERT("insert, unique order id (payment)"),
        BULK("bulk write: 2 upserts"),
        CLOSE("delete (open saga)"),
        SWEEP("range query recheckAt < now, sorted, limit 100"),
        PAGE("page: payments by status, sorted by created_at, 20");

        final String label;

        Cmd(String label) {
            this.label = label;
        }
    }

    private static final int PRODUCTS = 50;

    @Override
    public Integer call() throws Exception {
        StringBuilder report = new StringBuilder();
        report.append("# bench store")
                .append(label.isBlank() ? "" : ": " + label)
                .append("\n\n");
        report.append("Mix per simulated order: ")
                .append(String.join(
                        ", ",
                        java.util.Arrays.stream(Cmd.values()).map(c -> c.label).toList()))
                .append(" (the sweep and the page once every 10 orders per client).\n\n");
        report.append(String.format(
                Locale.ROOT,
                "| history | clients | commands/s | store CPU ms/command | p50 ms | p99 ms (all) | RSS MB | load avg |%n"
                        + "|---|---|---|---|---|---|---|---|%n"));
        StringBuilder detail = new StringBuilder();
        for (int history : histories) {
            try (Store store = openStore(history)) {
                try (MongoClient client = client(store.uri, 200)) {
                    MongoDatabase db = client.getDatabase("ecommerce_bench");
                    db.drop();
                    createIndexes(db);
                    long seedStart = System.nanoTime();
                    seed(db, history);
                    System.out.printf("history %d stored in %.1f s%n", history, (System.nanoTime() - seedStart) / 1e9);
                    for (int clients : clientCounts) {
                        Result result = run(db, store.pid, clients);
                        report.append(String.format(
                                Locale.ROOT,
                                "| %d | %d | %.0f | %.3f | %.2f | %.2f | %d | %s |%n",
                                history,
                                clients,
                                result.commandsPerSecond(),
                                result.cpuMsPerCommand(),
                                result.all.getValueAtPercentile(50) / 1000.0,
                                result.all.getValueAtPercentile(99) / 1000.0,
                                rssMb(store.pid),
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
            Map<Cmd, Histogram> perCommand,
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
        List<Map<Cmd, Histogram>> histograms = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(clients);
        for (int c = 0; c < clients; c++) {
            Map<Cmd, Histogram> mine = new EnumMap<>(Cmd.class);
            for (Cmd cmd : Cmd.values()) {
                mine.put(cmd, LatencySummary.newHistogram());
            }
            histograms.add(mine);
            int clientNo = c;
            Thread thread = Thread.ofPlatform().daemon().start(() -> {
                try {
                    new Client(db, clientNo, mine, recording).loop(stop, failures);
                } finally {
                    done.countDown();
                }
            });
            threads.add(thread);
        }
        Thread.sleep(warmup.toMillis());
        double cpuBefore = cpuSeconds(storePid);
        long start = System.nanoTime();
        recording.set(true);
        Thread.sleep(duration.toMillis());
        recording.set(false);
        long end = System.nanoTime();
        double cpuAfter = cpuSeconds(storePid);
        String load = Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        stop.set(true);
        done.await(60, TimeUnit.SECONDS);
        Histogram all = LatencySummary.newHistogram();
        Map<Cmd, Histogram> perCommand = new EnumMap<>(Cmd.class);
        for (Cmd cmd : Cmd.values()) {
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

    /** One client: simulated orders one after the other, each the saga's commands in order. */
    private static final class Client {
        private final MongoCollection<Document> orders;
        private final MongoCollection<Document> sagas;
        private final MongoCollection<Document> products;
        private final MongoCollection<Document> payments;
        private final Map<Cmd, Histogram> histograms;
        private final AtomicBoolean recording;
        private final int clientNo;
        private final List<String> recent = new ArrayList<>();

        Client(MongoDatabase db, int clientNo, Map<Cmd, Histogram> histograms, AtomicBoolean recording) {
            this.orders = db.getCollection("orders");
            this.sagas = db.getCollection("open_sagas");
            this.products = db.getCollection("products");
            this.payments = db.getCollection("payments");
            this.histograms = histograms;
            this.recording = recording;
            this.clientNo = clientNo;
        }

        void loop(AtomicBoolean stop, AtomicLong failures) {
            long n = 0;
            while (!stop.get()) {
                try {
                    order(n++);
                } catch (RuntimeException e) {
                    if (failures.incrementAndGet() < 5) {
                        System.out.println("command failed: " + e);
                    }
                }
            }
        }

        private void order(long n) {
            String id = "o-" + clientNo + "-" + System.nanoTime();
            Instant now = Instant.now();
            Instant deadline = now.plusSeconds(30);
            String product = "p-" + ThreadLocalRandom.current().nextInt(PRODUCTS);
            timed(
                    Cmd.SAGA_INSERT,
                    () -> sagas.insertOne(
                            new Document("_id", id).append("deadline", deadline).append("recheckAt", deadline)));
            Document order = orderDocument(id, "c-" + clientNo, now, 0, "PENDING", product);
            timed(Cmd.ORDER_INSERT, () -> orders.insertOne(order));
            recent.add(id);
            if (recent.size() > 5) {
                recent.remove(0);
            }
            timed(Cmd.LOAD_IN, () -> orders.find(in("_id", recent)).into(new ArrayList<>()));
            timed(
                    Cmd.REPLACE,
                    () -> orders.replaceOne(
                            and(eq("_id", id), eq("version", 0)),
                            orderDocument(id, "c-" + clientNo, now, 1, "STOCK_RESERVED", product)));
            timed(
                    Cmd.RESERVE,
                    () -> products.findOneAndUpdate(
                            and(eq("_id", product), gte("available", 2)),
                            Updates.combine(Updates.inc("available", -2), Updates.inc("reserved", 2)),
                            new FindOneAndUpdateOptions()
                                    .projection(new Document("holds", 0))
                                    .returnDocument(ReturnDocument.AFTER)));
            timed(
                    Cmd.PAYMENT_INSERT,
                    () -> payments.insertOne(new Document("_id", "pay-" + id)
                            .append("order_id", id)
                            .append("status", "CAPTURED")
                            .append("amount", new Document("amount", "19.90").append("currency", "EUR"))
                            .append("created_at", now)));
            List<WriteModel<Document>> bulk = List.of(
                    new UpdateOneModel<>(
                            eq("_id", id),
                            Updates.combine(Updates.set("deadline", deadline), Updates.set("recheckAt", deadline)),
                            new UpdateOptions().upsert(true)),
                    new UpdateOneModel<>(
                            eq("_id", recent.get(0)),
                            Updates.set("recheckAt", deadline),
                            new UpdateOptions().upsert(true)));
            timed(Cmd.BULK, () -> sagas.bulkWrite(bulk));
            timed(
                    Cmd.RELEASE,
                    () -> products.updateOne(
                            eq("_id", product),
                            Updates.combine(Updates.inc("available", 2), Updates.inc("reserved", -2))));
            timed(Cmd.CLOSE, () -> sagas.deleteOne(eq("_id", id)));
            if (n % 10 == clientNo % 10) {
                timed(
                        Cmd.SWEEP,
                        () -> sagas.find(lt("recheckAt", Instant.now()))
                                .sort(Sorts.ascending("recheckAt"))
                                .limit(100)
                                .into(new ArrayList<>()));
                timed(
                        Cmd.PAGE,
                        () -> payments.find(eq("status", "FAILED"))
                                .sort(Sorts.ascending("created_at", "_id"))
                                .limit(20)
                                .into(new ArrayList<>()));
            }
        }

        private void timed(Cmd cmd, Runnable command) {
            long start = System.nanoTime();
            command.run();
            if (recording.get()) {
                long micros = Math.max(1, (System.nanoTime() - start) / 1000);
                histograms.get(cmd).recordValue(Math.min(micros, 300_000_000L));
            }
        }
    }

    static Document orderDocument(
            String id, String customer, Instant createdAt, int version, String status, String product) {
        return new Document("_id", id)
                .append("version", version)
                .append("customerId", customer)
                .append("userId", "u-" + customer)
                .append("status", status)
                .append(
                        "requestedLines",
                        List.of(new Document("productId", product)
                                .append("quantity", 2)
                                .append("unitPrice", "9.95")))
                .append("paymentMethod", "CARD")
                .append("shippingAddress", "1 Main Street, 1000 Town")
                .append("billingAddress", "1 Main Street, 1000 Town")
                .append(
                        "requestHash",
                        Long.toHexString(ThreadLocalRandom.current().nextLong()))
                .append("correlationId", "corr-" + id)
                .append("facts", new Document("requested", true).append("stock", status))
                .append("createdAt", createdAt)
                .append("deadline", createdAt.plus(30, ChronoUnit.SECONDS))
                .append(
                        "traceparent",
                        "00-" + Long.toHexString(ThreadLocalRandom.current().nextLong()) + "-01");
    }

    /** The indexes the services declare on these collections. */
    private static void createIndexes(MongoDatabase db) {
        MongoCollection<Document> orders = db.getCollection("orders");
        orders.createIndex(
                Indexes.compoundIndex(Indexes.ascending("status"), Indexes.ascending("deadline")),
                new IndexOptions().name("overdue"));
        orders.createIndex(
                Indexes.compoundIndex(Indexes.ascending("customerId"), Indexes.descending("createdAt")),
                new IndexOptions().name("by_customer"));
        db.getCollection("open_sagas").createIndex(Indexes.ascending("recheckAt"));
        db.getCollection("payments").createIndex(Indexes.ascending("order_id"), new IndexOptions().unique(true));
        db.getCollection("payments")
                .createIndex(
                        Indexes.compoundIndex(Indexes.ascending("status"), Indexes.ascending("created_at")),
                        new IndexOptions().name("status_created_at"));
        db.getCollection("products").createIndex(Indexes.ascending("sku"), new IndexOptions().unique(true));
    }

    /** The history: settled orders with their payments (one in ten failed), few open sagas, the products. */
    private static void seed(MongoDatabase db, int history) {
        List<Document> products = new ArrayList<>();
        for (int p = 0; p < PRODUCTS; p++) {
            products.add(new Document("_id", "p-" + p)
                    .append("sku", "SKU-" + p)
                    .append("available", 1_000_000_000)
                    .append("reserved", 0));
        }
        db.getCollection("products").insertMany(products);
        Instant start = Instant.now().minus(history, ChronoUnit.SECONDS);
        List<Document> orders = new ArrayList<>();
        List<Document> payments = new ArrayList<>();
        List<Document> sagas = new ArrayList<>();
        for (int i = 0; i < history; i++) {
            String id = "h-" + i;
            Instant created = start.plusSeconds(i);
            orders.add(orderDocument(id, "c-" + (i % 500), created, 4, "CONFIRMED", "p-" + (i % PRODUCTS)));
            payments.add(new Document("_id", "pay-" + id)
                    .append("order_id", id)
                    .append("status", i % 10 == 0 ? "FAILED" : "CAPTURED")
                    .append("amount", new Document("amount", "19.90").append("currency", "EUR"))
                    .append("created_at", created));
            if (i % 200 == 0) {
                sagas.add(new Document("_id", id)
                        .append("deadline", created.plusSeconds(30))
                        .append("recheckAt", Instant.now().plus(1, ChronoUnit.HOURS)));
            }
            if (orders.size() == 1000) {
                db.getCollection("orders").insertMany(orders);
                db.getCollection("payments").insertMany(payments);
                orders.clear();
                payments.clear();
            }
        }
        if (!orders.isEmpty()) {
            db.getCollection("orders").insertMany(orders);
            db.getCollection("payments").insertMany(payments);
        }
        if (!sagas.isEmpty()) {
            db.getCollection("open_sagas").insertMany(sagas);
        }
    }

    private static MongoClient client(String uri, int pool) {
        return MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(uri))
                .applyToConnectionPoolSettings(b -> b.maxSize(pool).minSize(0))
                .applyToSocketSettings(b -> b.readTimeout(120, TimeUnit.SECONDS))
                .build());
    }

    /** A store to drive: one started here (fresh directory, stopped afterwards) or the one named. */
    private record Store(String uri, long pid, Process process, Path dir) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            if (process != null) {
                process.destroy();
                try {
                    process.waitFor(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                process.destroyForcibly();
                try (var files = Files.walk(dir)) {
                    files.sorted(java.util.Comparator.reverseOrder())
                            .forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    private Store openStore(int history) throws Exception {
        if (classpath == null) {
            if (uri == null || pid == 0) {
                throw new IllegalArgumentException("either --classpath, or --uri and --pid");
            }
            return new Store(uri, pid, null, null);
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path dir = Files.createTempDirectory("bench-store-" + history + "-");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(storeJvm.trim().split("\\s+")));
        command.addAll(List.of(
                "-cp",
                classpath,
                "dev.ordersaga.localstack.store.StoreMain",
                "127.0.0.1",
                String.valueOf(port),
                dir.resolve("data").toString()));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("store.log").toFile())
                .start();
        String storeUri = "mongodb://127.0.0.1:" + port;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try (java.net.Socket probe = new java.net.Socket("127.0.0.1", port)) {
                break;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline || !process.isAlive()) {
                    throw new IllegalStateException("the store did not start: see " + dir.resolve("store.log"));
                }
                Thread.sleep(100);
            }
        }
        return new Store(storeUri, process.pid(), process, dir);
    }

    /** User plus system CPU of a process, from /proc/<pid>/stat (clock ticks of 1/100 s). */
    static double cpuSeconds(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
    }

    static long rssMb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        return 0;
    }
}
