package dev.ordersaga.localstack;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/** Stops the stack's processes: one, or all of them in the reverse order of their start. */
final class ProcessStopper {

    private final StackConfig config;
    private final PrintStream out;
    private final Function<Instance, Optional<ProcessHandle>> process;

    ProcessStopper(StackConfig config, PrintStream out, Function<Instance, Optional<ProcessHandle>> process) {
        this.config = config;
        this.out = out;
        this.process = process;
    }

    /** Stops in waves: gateways and console, the services, the broker, the store. */
    void stopAll(List<Instance> instances) {
        List<List<Component>> waves = List.of(
                List.of(Component.GATEWAY, Component.CONSOLE, Component.ZIPKIN),
                List.of(Component.AUTH, Component.CUSTOMER, Component.INVENTORY, Component.PAYMENT, Component.ORDER),
                List.of(Component.KAFKA),
                List.of(Component.MONGO));
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (List<Component> wave : waves) {
                List<Future<?>> stops = new ArrayList<>();
                for (Instance i : instances) {
                    if (wave.contains(i.component())) {
                        stops.add(pool.submit(() -> stop(i)));
                    }
                }
                Futures.await(stops);
            }
        }
    }

    /** SIGTERM, SIGKILL after the grace period (longer while it writes its start-up cache). */
    boolean stop(Instance c) {
        Optional<ProcessHandle> handle = process.apply(c);
        if (handle.isEmpty()) {
            deletePidFile(c);
            return false;
        }
        boolean recording = handle.get()
                .info()
                .commandLine()
                .map(StartupCache::recordsOnExit)
                .orElse(false);
        if (recording) {
            out.printf(
                    "  %-20s writing its start-up cache (once after a new build; the next start is faster)%n", c.id());
        }
        // a JVM writes its start-up cache on exit: give it the time to finish (AOT takes long)
        Duration grace = recording ? config.stopGrace().plusSeconds(120) : config.stopGrace();
        Instant begin = Instant.now();
        boolean killed = Processes.stop(handle.get(), grace);
        deletePidFile(c);
        out.printf(
                "  %-20s %s (%.1f s)%n",
                c.id(),
                killed ? "killed after the grace period" : "stopped",
                Duration.between(begin, Instant.now()).toMillis() / 1000.0);
        return true;
    }

    private void deletePidFile(Instance i) {
        try {
            Files.deleteIfExists(config.pidDir().resolve(i.fileName() + ".pid"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
