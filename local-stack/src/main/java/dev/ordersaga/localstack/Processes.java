package dev.ordersaga.localstack;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Starting and stopping the stack's own processes. Every process gets a marker system property
 * ({@code -Dordersaga.stack.component=<name>}) and a pid file holding its pid and start time, so
 * {@code down} only ever signals a process that is provably the one {@code up} started, never one
 * that merely got a recycled pid.
 */
public final class Processes {

    /** The JVM system property that marks a process as this stack's (value: the component id). */
    public static final String MARKER = "ordersaga.stack.component";

    private static final Path SETSID = List.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid")).stream()
            .filter(Files::isExecutable)
            .findFirst()
            .orElse(null);

    private Processes() {}

    /** The {@code -D} option that marks a JVM as this component. */
    public static String marker(Component component, Path dataDir) {
        return marker(Instance.first(component), dataDir);
    }

    /** The marker of one instance ({@code order-service#1@<data dir>}: no other instance's contains it). */
    public static String marker(Instance instance, Path dataDir) {
        return marker(instance.id(), dataDir);
    }

    /** The marker of a process named {@code id} (an instance's id, or the supervisor's). */
    public static String marker(String id, Path dataDir) {
        return "-D" + MARKER + "=" + id + "@" + dataDir;
    }

    /**
     * Starts {@code command} in its own session (so a Ctrl-C in the terminal reaches the launcher
     * alone, which then stops everything in order, and a detached stack survives the terminal),
     * output appended to {@code log}, and writes the pid file.
     */
    public static ProcessHandle start(
            Component component, List<String> command, Map<String, String> env, Path workDir, Path log, Path pidFile) {
        return start(Instance.first(component), command, env, workDir, log, pidFile);
    }

    /** {@link #start(Component, List, Map, Path, Path, Path)} for one instance. */
    public static ProcessHandle start(
            Instance component, List<String> command, Map<String, String> env, Path workDir, Path log, Path pidFile) {
        return start(component.id(), command, env, workDir, log, pidFile);
    }

    /** {@link #start(Component, List, Map, Path, Path, Path)} for a process named {@code id}. */
    public static ProcessHandle start(
            String id, List<String> command, Map<String, String> env, Path workDir, Path log, Path pidFile) {
        try {
            Files.createDirectories(log.getParent());
            Files.createDirectories(pidFile.getParent());
            List<String> full = new ArrayList<>();
            if (SETSID != null) {
                full.add(SETSID.toString());
            }
            full.addAll(command);
            ProcessBuilder builder = new ProcessBuilder(full)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            File devNull = new File("/dev/null");
            if (devNull.exists()) {
                builder.redirectInput(ProcessBuilder.Redirect.from(devNull));
            }
            builder.environment().putAll(env);
            Files.writeString(
                    log,
                    "---- " + Instant.now() + " starting " + id + ": " + String.join(" ", command) + "\n",
                    java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
            Process process = builder.start();
            ProcessHandle handle = process.toHandle();
            writePidFile(pidFile, handle);
            return handle;
        } catch (IOException e) {
            throw new StackException("could not start " + id + ": " + e.getMessage(), e);
        }
    }

    /** Runs a command to completion, output appended to {@code log}; returns its exit code. */
    public static int run(List<String> command, Path workDir, Path log, Duration timeout) {
        try {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            process.getOutputStream().close();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new StackException("timed out after " + timeout.toSeconds() + " s: " + String.join(" ", command));
            }
            return process.exitValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted", e);
        }
    }

    private static void writePidFile(Path pidFile, ProcessHandle handle) throws IOException {
        Properties props = new Properties();
        props.setProperty("pid", String.valueOf(handle.pid()));
        handle.info().startInstant().ifPresent(t -> props.setProperty("started", t.toString()));
        try (var out = Files.newOutputStream(pidFile)) {
            props.store(out, null);
        }
    }

    /**
     * The live process a pid file names, if it is still the process we started: same pid, same
     * start time, and its command line carries our marker.
     */
    public static Optional<ProcessHandle> alive(Component component, Path pidFile, Path dataDir) {
        return alive(Instance.first(component), pidFile, dataDir);
    }

    /** {@link #alive(Component, Path, Path)} for one instance. */
    public static Optional<ProcessHandle> alive(Instance component, Path pidFile, Path dataDir) {
        return alive(component.id(), pidFile, dataDir);
    }

    /** {@link #alive(Component, Path, Path)} for a process named {@code id}. */
    public static Optional<ProcessHandle> alive(String id, Path pidFile, Path dataDir) {
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        Properties props = new Properties();
        try (var in = Files.newInputStream(pidFile)) {
            props.load(in);
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
        long pid;
        try {
            pid = Long.parseLong(props.getProperty("pid", "").trim());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        Optional<ProcessHandle> handle =
                ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(h -> !dying(h.pid()));
        if (handle.isEmpty()) {
            return Optional.empty();
        }
        ProcessHandle.Info info = handle.get().info();
        String started = props.getProperty("started");
        if (started != null && info.startInstant().isPresent()) {
            Duration drift = Duration.between(
                            Instant.parse(started), info.startInstant().get())
                    .abs();
            if (drift.compareTo(Duration.ofSeconds(2)) > 0) {
                return Optional.empty(); // the pid was recycled by another process
            }
        }
        String expected = marker(id, dataDir);
        boolean ours = info.commandLine()
                .map(line -> line.contains(expected))
                .or(() -> info.arguments().map(args -> List.of(args).contains(expected)))
                .orElse(true); // no command line readable: pid and start time already matched
        return ours ? handle : Optional.empty();
    }

    /**
     * Whether a process that the JDK still reports alive is in fact gone: a zombie nobody reaped yet,
     * or a process with a SIGKILL pending that the kernel is still tearing down (a JVM's exit takes a
     * few seconds for its memory). Both used to make {@code up} right after a crash answer "already
     * running" and leave the crashed service down. Linux only; elsewhere nothing is dying.
     */
    static boolean dying(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("State:")) {
                    String state = line.substring(6).trim();
                    if (state.startsWith("Z") || state.startsWith("X")) {
                        return true;
                    }
                } else if (line.startsWith("ShdPnd:") || line.startsWith("SigPnd:")) {
                    long pending = Long.parseUnsignedLong(line.substring(7).trim(), 16);
                    if ((pending & (1L << (9 - 1))) != 0) { // SIGKILL is signal 9
                        return true;
                    }
                }
            }
            return false;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** SIGTERM, then SIGKILL after {@code grace}; returns whether it had to be killed. */
    public static boolean stop(ProcessHandle handle, Duration grace) {
        if (!handle.isAlive()) {
            return false;
        }
        handle.destroy();
        try {
            handle.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
            return false;
        } catch (TimeoutException e) {
            handle.destroyForcibly();
            awaitExit(handle, Duration.ofSeconds(10));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            handle.destroyForcibly();
            return true;
        } catch (java.util.concurrent.ExecutionException e) {
            return false;
        }
    }

    /** SIGKILL now (the fault-injection tests). */
    public static void kill(ProcessHandle handle) {
        handle.destroyForcibly();
        awaitExit(handle, Duration.ofSeconds(10));
    }

    private static void awaitExit(ProcessHandle handle, Duration timeout) {
        try {
            handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception ignored) {
            // reported by the caller's next liveness check
        }
    }

    /** The resident set size of a process in bytes, from /proc (Linux); 0 where unknown. */
    public static long rssBytes(long pid) {
        Path status = Path.of("/proc", String.valueOf(pid), "status");
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmRSS:")) {
                    String[] parts = line.substring(6).trim().split("\\s+");
                    return Long.parseLong(parts[0]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }
}
