package dev.ordersaga.bench;

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
 * {@code /proc/<pid>/stat}, the pids from the stack's pid files) and the store commands each
 * service sent (the MongoDB driver's command timer, {@code mongodb_driver_commands_seconds_count},
 * read from each service's Prometheus endpoint). A snapshot before the load and one after, divided
 * by the orders of the run, gives CPU and store commands per order that explain the latency.
 */
final class Costs {

    /** Clock ticks per second of /proc's CPU times (USER_HZ: 100 on every Linux we run on). */
    private static final double TICKS = 100.0;

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    record Snapshot(Map<String, Double> cpuSeconds, Map<String, Double> storeCommands) {}

    /** Per process: CPU ms per order; per service: store commands per order; and the totals. */
    record PerOrder(long orders, Map<String, Double> cpuMillis, Map<String, Double> storeCommands) {
        double totalCpuMillis() {
            return cpuMillis.values().stream().mapToDouble(Double::doubleValue).sum();
        }

        double totalStoreCommands() {
            return storeCommands.values().stream()
                    .mapToDouble(Double::doubleValue)
                    .sum();
        }

        String markdown() {
            StringBuilder md = new StringBuilder();
            md.append(String.format(
                    Locale.ROOT,
                    "%nCost per order (%d orders): **%.1f ms CPU** over the whole stack, **%.1f store commands**.%n%n",
                    orders,
                    totalCpuMillis(),
                    totalStoreCommands()));
            md.append("| process | CPU ms / order | store commands / order |\n|---|---:|---:|\n");
            cpuMillis.forEach((process, ms) -> md.append(String.format(
                    Locale.ROOT,
                    "| %s | %.2f | %s |%n",
                    process,
                    ms,
                    storeCommands.containsKey(process)
                            ? String.format(Locale.ROOT, "%.2f", storeCommands.get(process))
                            : "")));
            return md.toString();
        }
    }

    private final Path pidDir;
    private final Map<String, Integer> servicePorts;

    Costs(Path pidDir, Map<String, Integer> servicePorts) {
        this.pidDir = pidDir;
        this.servicePorts = servicePorts;
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
        Map<String, Double> cpu = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(pidDir)) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString().replaceFirst("\\.pid$", "");
                try {
                    long pid = Faults.pidOf(Files.readString(file));
                    cpu.put(name, cpuSeconds(Files.readString(Path.of("/proc", Long.toString(pid), "stat"))));
                } catch (IOException | RuntimeException e) {
                    // not running: no figure for it
                }
            }
        } catch (IOException e) {
            // no pid directory (not the local stack): CPU is not counted
        }
        Map<String, Double> commands = new LinkedHashMap<>();
        servicePorts.forEach((service, port) -> {
            try {
                var response = HTTP.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    commands.put(service, storeCommands(response.body()));
                }
            } catch (IOException e) {
                // service away: no figure
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        return new Snapshot(cpu, commands);
    }

    static PerOrder perOrder(Snapshot before, Snapshot after, long orders) {
        long n = Math.max(orders, 1);
        Map<String, Double> cpu = new LinkedHashMap<>();
        after.cpuSeconds().forEach((process, seconds) -> {
            Double start = before.cpuSeconds().get(process);
            if (start != null && seconds >= start) {
                cpu.put(process, (seconds - start) * 1000 / n);
            }
        });
        Map<String, Double> commands = new LinkedHashMap<>();
        after.storeCommands().forEach((service, count) -> {
            Double start = before.storeCommands().get(service);
            if (start != null && count >= start) {
                commands.put(service, (count - start) / n);
            }
        });
        return new PerOrder(orders, cpu, commands);
    }

    /** utime + stime (fields 14 and 15) of a /proc/<pid>/stat line, in seconds. */
    static double cpuSeconds(String stat) {
        // the command name (field 2) is in parentheses and may hold spaces: count from after it
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS;
    }

    /** The sum of every {@code mongodb_driver_commands_seconds_count} series of a Prometheus scrape. */
    static double storeCommands(String prometheus) {
        return prometheus
                .lines()
                .filter(line -> line.startsWith("mongodb_driver_commands_seconds_count"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }
}
