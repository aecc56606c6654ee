package dev.ordersaga.bench;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A store to drive: one started here (fresh directory, stopped afterwards) or the one named. */
record BenchedStore(String uri, long pid, Process process, Path dir) implements AutoCloseable {
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

    static MongoClient client(String uri, int pool) {
        return MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(uri))
                .applyToConnectionPoolSettings(b -> b.maxSize(pool).minSize(0))
                .applyToSocketSettings(b -> b.readTimeout(120, TimeUnit.SECONDS))
                .build());
    }

    static BenchedStore open(String classpath, String uri, long pid, String storeJvm, int history) throws Exception {
        if (classpath == null) {
            if (uri == null || pid == 0) {
                throw new IllegalArgumentException("either --classpath, or --uri and --pid");
            }
            return new BenchedStore(uri, pid, null, null);
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
        return new BenchedStore(storeUri, process.pid(), process, dir);
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
