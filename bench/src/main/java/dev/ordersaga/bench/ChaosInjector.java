package dev.ordersaga.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Does a {@link ChaosPlan.Fault} to the local stack: SIGKILL (then waits until the stack's supervisor
 * has the component back and ready, running {@code restartCommand} if it is not back in time) or
 * SIGSTOP for the planned time, then SIGCONT. Processes are found through the stack's pid files,
 * ports through its {@code stack.properties}. Whatever it froze is thawed by a shutdown hook too,
 * so an interrupted run never leaves a process stopped.
 */
public final class ChaosInjector {

    /** What happened to one fault: when it began and ended ({@link System#nanoTime()}), and how. */
    public record Done(ChaosPlan.Fault fault, long startNanos, long endNanos, List<String> notes) {}

    private static final List<String> SERVICES = List.of(
            "gateway", "auth-service", "customer-service", "inventory-service", "payment-service", "order-service");

    private final Path stackDir;
    private final String restartCommand;
    private final Duration restartWait;
    private final PrintStream log;
    private final Set<Long> frozen = ConcurrentHashMap.newKeySet();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    public ChaosInjector(Path stackDir, String restartCommand, Duration restartWait, PrintStream log) {
        this.stackDir = stackDir;
        this.restartCommand = restartCommand;
        this.restartWait = restartWait;
        this.log = log;
        Runtime.getRuntime().addShutdownHook(new Thread(this::thawAll, "chaos-thaw"));
    }

    /** Every component that can be hit: the broker, the store and each instance of each service that has a pid file. */
    public List<String> targets(int replicas) {
        List<String> targets = new ArrayList<>(List.of("kafka", "mongo"));
        for (String service : SERVICES) {
            for (int i = 0; i < replicas; i++) {
                targets.add(i == 0 ? service : service + "#" + i);
            }
        }
        return targets.stream().filter(t -> Files.exists(pidFile(t))).toList();
    }

    /** Hits every component of the fault at once, returns once each is back. */
    public Done inject(ChaosPlan.Fault fault) throws InterruptedException {
        long start = System.nanoTime();
        log.printf("%n  fault #%d: %s%n", fault.number(), fault.describe());
        List<String> notes = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<String>> hits = new ArrayList<>();
            for (ChaosPlan.Hit hit : fault.hits()) {
                hits.add(pool.submit(() -> hit.kind() == ChaosPlan.Kind.KILL ? kill(hit.target()) : freeze(hit)));
            }
            for (Future<String> f : hits) {
                try {
                    notes.add(f.get());
                } catch (java.util.concurrent.ExecutionException e) {
                    notes.add("FAILED: " + e.getCause());
                }
            }
        }
        long end = System.nanoTime();
        log.printf("%n  fault #%d over after %.1f s: %s%n", fault.number(), (end - start) / 1e9, notes);
        return new Done(fault, start, end, List.copyOf(notes));
    }

    private String kill(String target) throws Exception {
        long pid = pid(target);
        long begin = System.nanoTime();
        signal("KILL", pid);
        awaitExit(pid);
        boolean ranCommand = false;
        while (true) {
            Long now = livePid(target);
            if (now != null && now != pid && ready(target)) {
                return String.format(
                        "%s back (pid %d) and ready after %.1f s%s",
                        target,
                        now,
                        (System.nanoTime() - begin) / 1e9,
                        ranCommand ? " (by " + restartCommand + ")" : "");
            }
            if (!ranCommand && System.nanoTime() - begin > restartWait.toNanos()) {
                log.printf(
                        "%n  %s not restarted by the supervisor after %s: %s%n", target, restartWait, restartCommand);
                ranCommand = true;
                Process restart = new ProcessBuilder("bash", "-c", restartCommand)
                        .redirectErrorStream(true)
                        .start();
                restart.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
                restart.waitFor();
            }
            if (System.nanoTime() - begin > restartWait.toNanos() * 4) {
                return target + " NOT BACK after " + restartWait.multipliedBy(4).toSeconds() + " s";
            }
            Thread.sleep(200);
        }
    }

    /**
     * Until the killed process is gone, at most 10 s. Polled, not {@code onExit()}: for a child of this
     * JVM that its {@code Process} object reaps first, {@code ProcessHandle.onExit()} never completes.
     */
    private static void awaitExit(long pid) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isPresent() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    private String freeze(ChaosPlan.Hit hit) throws Exception {
        long pid = pid(hit.target());
        frozen.add(pid);
        signal("STOP", pid);
        try {
            Thread.sleep(hit.freeze());
        } finally {
            signal("CONT", pid);
            frozen.remove(pid);
        }
        return hit.target() + " frozen " + hit.freeze().toSeconds() + " s";
    }

    private void thawAll() {
        for (long pid : frozen) {
            try {
                signal("CONT", pid);
            } catch (Exception ignored) {
                // best effort on the way out
            }
        }
    }

    private static void signal(String name, long pid) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-s", name, Long.toString(pid))
                .inheritIO()
                .start();
        if (kill.waitFor() != 0) {
            throw new IOException("kill -s " + name + " " + pid + " failed");
        }
    }

    private Path pidFile(String target) {
        return stackDir.resolve("pids").resolve(Faults.pidFileName(target));
    }

    private long pid(String target) throws IOException {
        Long pid = livePid(target);
        if (pid == null) {
            throw new IOException(target + " is not running");
        }
        return pid;
    }

    private Long livePid(String target) {
        try {
            long pid = Faults.pidOf(Files.readString(pidFile(target)));
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isPresent() ? pid : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The broker and the store accept connections; a service's health is UP. */
    boolean ready(String target) {
        int hash = target.indexOf('#');
        String component = hash < 0 ? target : target.substring(0, hash);
        int index = hash < 0 ? 0 : Integer.parseInt(target.substring(hash + 1));
        Integer base = port(component);
        if (base == null) {
            return true;
        }
        int port = base + 100 * index;
        if (component.equals("kafka") || component.equals("mongo")) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return true;
            } catch (IOException e) {
                return false;
            }
        }
        try {
            HttpResponse<String> health = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                            .timeout(Duration.ofSeconds(2))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return health.statusCode() == 200 && health.body().contains("UP");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private Integer port(String component) {
        Properties props = new Properties();
        try (InputStream in = Files.newInputStream(stackDir.resolve("stack.properties"))) {
            props.load(in);
        } catch (IOException e) {
            return null;
        }
        String value = props.getProperty("port." + component);
        return value == null ? null : Integer.valueOf(value.trim());
    }
}
