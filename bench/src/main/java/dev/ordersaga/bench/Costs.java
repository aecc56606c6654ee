package dev.ordersaga.bench;

import dev.ordersaga.events.Topics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What a run cost, counted rather than timed: CPU seconds of every process of the stack (from
 * {@code /proc/<pid>/stat}, the pids from the stack's pid files), and of them the seconds its JIT
 * compiler threads and its garbage collector took (from {@code /proc/<pid>/task/<tid>/stat}, by thread
 * name: a stack that is still compiling its hot path is not warm, and its CPU per order says more
 * about the JIT than about the code); from each service's Prometheus
 * endpoint the store commands it sent (the MongoDB driver's command timer, {@code
 * mongodb_driver_commands_seconds_count}), the Kafka records it produced ({@code
 * kafka_producer_record_send_total}); from the broker the records each consumer group took delivery of
 * ({@link GroupProgress}); the gateway's records (it shows no metrics on its public port) by the growth of {@code
 * order-requests} on the broker; and the spans Zipkin received ({@code zipkin_collector_spans_total}). A snapshot before the load and one after, divided by the orders
 * of the run, gives per order figures that explain the latency.
 */
public final class Costs {

    /** Clock ticks per second of /proc's CPU times (USER_HZ: 100 on every Linux we run on). */
    private static final double TICKS = 100.0;

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /**
     * CPU seconds (or, per order, milliseconds) of one process: all its threads, and of them its JIT compiler
     * threads ({@code C1 CompilerThread*}, {@code C2 CompilerThread*}) and its garbage collection (the serial
     * collector's {@code VM Thread}, or the {@code GC Thread*} and {@code G1 *} threads of the others).
     */
    public record Cpu(double total, double jit, double gc) {

        /** The growth since {@code before}; a part whose thread ended in between (its seconds gone) counts 0. */
        Cpu minus(Cpu before) {
            return new Cpu(total - before.total, Math.max(0, jit - before.jit), Math.max(0, gc - before.gc));
        }

        Cpu millisPer(long orders) {
            return new Cpu(total * 1000 / orders, jit * 1000 / orders, gc * 1000 / orders);
        }

        Cpu plus(Cpu other) {
            return new Cpu(total + other.total, jit + other.jit, gc + other.gc);
        }
    }

    /** One service's counters at one moment, from its Prometheus scrape. */
    public record Counters(double storeCommands, double records, double deliveries) {

        /** Store commands and records produced; deliveries are the broker's to say ({@link GroupProgress}). */
        public static Counters of(String prometheus) {
            return new Counters(
                    sum(prometheus, "mongodb_driver_commands_seconds_count"),
                    sum(prometheus, "kafka_producer_record_send_total"),
                    0);
        }

        Counters withDeliveries(double count) {
            return new Counters(storeCommands, records, count);
        }

        Counters plus(Counters other) {
            return new Counters(
                    storeCommands + other.storeCommands, records + other.records, deliveries + other.deliveries);
        }

        public Counters minus(Counters before) {
            return new Counters(
                    storeCommands - before.storeCommands, records - before.records, deliveries - before.deliveries);
        }

        public Counters per(long orders) {
            return new Counters(storeCommands / orders, records / orders, deliveries / orders);
        }

        boolean grew() {
            return storeCommands >= 0 && records >= 0 && deliveries >= 0;
        }
    }

    /**
     * {@code groups}: each consumer group's committed offsets summed ({@link GroupProgress}); {@code requests}: the
     * records {@code order-requests} holds (the gateways' {@code OrderRequested}), -1 when not known; {@code spans}:
     * received by Zipkin so far, or -1 without a Zipkin to ask.
     */
    record Snapshot(
            Map<String, Cpu> cpuSeconds,
            Map<String, Counters> services,
            Map<String, Long> groups,
            long requests,
            double spans) {}

    /**
     * Per process: CPU ms per order (and of them the JIT's and the garbage collector's); per service: store commands, records produced and deliveries per order; spans
     * per order (-1: not counted); and the totals.
     */
    record PerOrder(long orders, Map<String, Cpu> cpuMillis, Map<String, Counters> services, double spans) {
        Cpu totalCpuMillis() {
            return cpuMillis.values().stream().reduce(new Cpu(0, 0, 0), Cpu::plus);
        }

        double totalStoreCommands() {
            return services.values().stream()
                    .mapToDouble(Counters::storeCommands)
                    .sum();
        }

        double totalRecords() {
            return services.values().stream().mapToDouble(Counters::records).sum();
        }

        double totalDeliveries() {
            return services.values().stream().mapToDouble(Counters::deliveries).sum();
        }

        String markdown() {
            StringBuilder md = new StringBuilder();
            md.append(String.format(
                    Locale.ROOT,
                    "%nCost per order (%d orders): **%.1f ms CPU** over the whole stack (of which JIT compiling %.1f,"
                            + " garbage collection %.1f), **%.1f store commands**,"
                            + " **%.1f Kafka records produced**, **%.1f deliveries**, %s.%n%n",
                    orders,
                    totalCpuMillis().total(),
                    totalCpuMillis().jit(),
                    totalCpuMillis().gc(),
                    totalStoreCommands(),
                    totalRecords(),
                    totalDeliveries(),
                    spans < 0 ? "spans not counted (no Zipkin)" : String.format(Locale.ROOT, "**%.1f spans**", spans)));
            md.append("| process | CPU ms / order | of which JIT | of which GC | store commands / order |"
                    + " records produced / order | deliveries / order |\n|---|---:|---:|---:|---:|---:|---:|\n");
            cpuMillis.forEach((process, ms) -> {
                Counters counted = services.get(process);
                md.append(String.format(
                        Locale.ROOT, "| %s | %.2f | %.2f | %.2f |", process, ms.total(), ms.jit(), ms.gc()));
                md.append(
                        counted == null
                                ? " | | |%n".formatted()
                                : String.format(
                                        Locale.ROOT,
                                        " %.2f | %.2f | %.2f |%n",
                                        counted.storeCommands(),
                                        counted.records(),
                                        counted.deliveries()));
            });
            return md.toString();
        }
    }

    private final Path pidDir;
    private final Map<String, Integer> servicePorts;
    private final URI zipkin;
    private final String kafka;

    Costs(Path pidDir, Map<String, Integer> servicePorts) {
        this(pidDir, servicePorts, URI.create("http://127.0.0.1:9411"), "localhost:9092");
    }

    Costs(Path pidDir, Map<String, Integer> servicePorts, URI zipkin, String kafka) {
        this.pidDir = pidDir;
        this.servicePorts = servicePorts;
        this.zipkin = zipkin;
        this.kafka = kafka;
    }

    /** The local stack's services on their default ports. */
    static Map<String, Integer> defaultPorts() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("auth-service", 9081);
        ports.put("customer-service", 9082);
        ports.put("inventory-service", 9083);
        ports.put("payment-service", 9084);
        ports.put("order-service", 9085);
        return ports;
    }

    /**
     * The default ports, plus those of further instances whose pid files are there ({@code
     * order-service-1.pid}: instance 1, on the first instance's port + 100, as {@code ./stack up
     * --replicas} runs them).
     */
    static Map<String, Integer> portsWithInstances(Path pidDir) {
        Map<String, Integer> ports = defaultPorts();
        Map<String, Integer> more = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(pidDir)) {
            for (Path file : files.sorted().toList()) {
                var instance = java.util.regex.Pattern.compile("(.+)-(\\d+)\\.pid")
                        .matcher(file.getFileName().toString());
                if (instance.matches() && ports.containsKey(instance.group(1))) {
                    more.put(
                            instance.group(1) + "-" + instance.group(2),
                            ports.get(instance.group(1)) + 100 * Integer.parseInt(instance.group(2)));
                }
            }
        } catch (IOException e) {
            // no pid directory: the default ports only
        }
        ports.putAll(more);
        return ports;
    }

    Snapshot snapshot() {
        Map<String, Cpu> cpu = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(pidDir)) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString().replaceFirst("\\.pid$", "");
                try {
                    long pid = Faults.pidOf(Files.readString(file));
                    cpu.put(name, cpuOf(pid));
                } catch (IOException | RuntimeException e) {
                    // not running: no figure for it
                }
            }
        } catch (IOException e) {
            // no pid directory (not the local stack): CPU is not counted
        }
        Map<String, Counters> services = new LinkedHashMap<>();
        servicePorts.forEach((service, port) -> {
            String scrape = scrape(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"));
            if (scrape != null) {
                services.put(service, Counters.of(scrape));
            }
        });
        String zipkinScrape = scrape(zipkin.resolve("/prometheus"));
        double spans = zipkinScrape == null ? -1 : sum(zipkinScrape, "zipkin_collector_spans_total");
        return new Snapshot(
                cpu,
                services,
                GroupProgress.committed(kafka),
                GroupProgress.produced(kafka, Topics.ORDER_REQUESTS),
                spans);
    }

    /** The body of a 200 from {@code uri}, or null when it does not answer. */
    private static String scrape(URI uri) {
        try {
            var response = HTTP.send(
                    HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? response.body() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    static PerOrder perOrder(Snapshot before, Snapshot after, long orders) {
        long n = Math.max(orders, 1);
        Map<String, Cpu> cpu = new LinkedHashMap<>();
        after.cpuSeconds().forEach((process, seconds) -> {
            Cpu start = before.cpuSeconds().get(process);
            if (start != null && seconds.total() >= start.total()) {
                cpu.put(process, seconds.minus(start).millisPer(n));
            }
        });
        // deliveries: the growth of each group present at both moments (a gateway started in between has a new one)
        Map<String, Double> deliveries = new LinkedHashMap<>();
        after.groups().forEach((group, offsets) -> {
            Long start = before.groups().get(group);
            if (start != null && offsets >= start) {
                deliveries.merge(GroupProgress.serviceOf(group), (double) (offsets - start), Double::sum);
            }
        });
        Map<String, Counters> services = new LinkedHashMap<>();
        after.services().forEach((service, counters) -> {
            Counters start = before.services().get(service);
            if (start != null && counters.minus(start).grew()) {
                services.put(
                        service,
                        counters.minus(start)
                                .withDeliveries(deliveries.getOrDefault(service, 0.0))
                                .per(n));
            }
        });
        deliveries.forEach((service, count) -> services.putIfAbsent(service, new Counters(0, 0, count / n)));
        // every gateway instance's OrderRequested (and, in a run with --poison or --duplicate, the bench's own)
        if (before.requests() >= 0 && after.requests() >= before.requests()) {
            double requests = (after.requests() - before.requests()) / (double) n;
            services.merge("gateway", new Counters(0, requests, 0), Counters::plus);
        }
        double spans = before.spans() < 0 || after.spans() < before.spans() ? -1 : (after.spans() - before.spans()) / n;
        return new PerOrder(orders, cpu, services, spans);
    }

    /**
     * A process's CPU seconds, and those of its threads that compile or collect garbage. A thread that ended took its
     * seconds with it from the parts (the JVM starts and stops compiler threads as the queue asks), never from the
     * total.
     */
    static Cpu cpuOf(long pid) throws IOException {
        Path proc = Path.of("/proc", Long.toString(pid));
        double total = cpuSeconds(Files.readString(proc.resolve("stat")));
        double jit = 0;
        double gc = 0;
        try (Stream<Path> tasks = Files.list(proc.resolve("task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    switch (threadKind(stat)) {
                        case JIT -> jit += cpuSeconds(stat);
                        case GC -> gc += cpuSeconds(stat);
                        case OTHER -> {}
                    }
                } catch (IOException e) {
                    // the thread ended while we looked
                }
            }
        }
        return new Cpu(total, jit, gc);
    }

    enum ThreadKind {
        JIT,
        GC,
        OTHER
    }

    /**
     * What a JVM thread does, by the name in its /proc stat line (cut to 15 characters by the kernel): {@code C1
     * CompilerThre}, {@code C2 CompilerThre} compile; {@code VM Thread} (where the serial collector runs), {@code GC
     * Thread#0}, {@code G1 ...} collect.
     */
    static ThreadKind threadKind(String stat) {
        String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
            return ThreadKind.JIT;
        }
        if (name.equals("VM Thread") || name.startsWith("GC Thread") || name.startsWith("G1 ")) {
            return ThreadKind.GC;
        }
        return ThreadKind.OTHER;
    }

    /** utime + stime (fields 14 and 15) of a /proc/<pid>/stat line, in seconds. */
    static double cpuSeconds(String stat) {
        // the command name (field 2) is in parentheses and may hold spaces: count from after it
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS;
    }

    /**
     * A count of a Prometheus scrape: its series of {@code metric} summed (the MongoDB driver's commands per collection
     * and command, a producer's records, Zipkin's spans).
     */
    static double sum(String prometheus, String metric) {
        return prometheus
                .lines()
                .filter(line -> line.startsWith(metric + "{") || line.startsWith(metric + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }
}
