package dev.ordersaga.localstack;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** Small checks the launcher makes: ports, health endpoints, log files. */
public final class Probes {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    private Probes() {}

    /** Whether something already listens on the port (on any address). */
    public static boolean portInUse(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            // like the servers themselves: connections of a stopped server in TIME_WAIT do not count
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /** Whether a TCP connection to localhost:port succeeds. */
    public static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code UP}, {@code DOWN} (answered, not up) or {@code -} (no answer) from a service's health endpoint. */
    public static String health(int port) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                    .timeout(Duration.ofSeconds(3))
                    .GET()
                    .build();
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"UP\"") ? "UP" : "DOWN";
        } catch (IOException e) {
            return "-";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "-";
        }
    }

    /** Whether a GET of the URL answers 200 (Zipkin's {@code /health}). */
    public static boolean httpOk(String url) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(3))
                    .GET()
                    .build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The size of a file, 0 if it does not exist: where to start reading a log for this start. */
    public static long size(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** Whether the file, read from {@code offset}, contains {@code text}. */
    public static boolean contains(Path file, long offset, String text) {
        if (!Files.exists(file)) {
            return false;
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long length = raf.length();
            if (length <= offset) {
                return false;
            }
            raf.seek(offset);
            byte[] bytes = new byte[(int) Math.min(length - offset, 64L * 1024 * 1024)];
            raf.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8).contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    /** The last {@code lines} lines of a file. */
    public static List<String> tail(Path file, int lines) {
        if (!Files.exists(file)) {
            return List.of();
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long length = raf.length();
            long start = Math.max(0, length - Math.max(lines, 1) * 400L);
            raf.seek(start);
            byte[] bytes = new byte[(int) (length - start)];
            raf.readFully(bytes);
            Deque<String> last = new ArrayDeque<>();
            String[] split = new String(bytes, StandardCharsets.UTF_8).split("\n", -1);
            for (int i = start > 0 ? 1 : 0; i < split.length; i++) { // the first piece may be a partial line
                if (i == split.length - 1 && split[i].isEmpty()) {
                    break;
                }
                last.addLast(split[i]);
                if (last.size() > lines) {
                    last.removeFirst();
                }
            }
            return List.copyOf(last);
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Throws, naming each taken port and its override, if a port of what is to start is in use. */
    static void refuseTakenPorts(StackConfig config, List<Instance> toStart) {
        // a process killed a moment ago may hold its port for a few seconds more while it exits
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (!takenPorts(config, toStart).isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        List<String> taken = takenPorts(config, toStart);
        if (!taken.isEmpty()) {
            throw new StackException("cannot start: in use by another program:\n  " + String.join("\n  ", taken)
                    + "\nFind it with `ss -ltnp | grep :<port>` (or `lsof -i :<port>`), stop it, or choose other"
                    + " ports. If it is an older stack of this repository: ./stack down");
        }
    }

    private static List<String> takenPorts(StackConfig config, List<Instance> toStart) {
        List<String> taken = new ArrayList<>();
        for (Instance i : toStart) {
            Component c = i.component();
            if (portInUse(config.port(i))) {
                taken.add("port " + config.port(i) + " (" + i.id() + ", override with "
                        + Ports.overrideHint(c.shortName())
                        + (i.index() > 0 ? "; instance " + i.index() + " adds " + Instance.PORT_STRIDE * i.index() : "")
                        + ")");
            }
        }
        if (toStart.contains(Instance.first(Component.KAFKA)) && portInUse(config.kafkaControllerPort())) {
            taken.add("port " + config.kafkaControllerPort() + " (Kafka controller, override with "
                    + Ports.overrideHint(Ports.CONTROLLER) + ")");
        }
        return taken;
    }
}
