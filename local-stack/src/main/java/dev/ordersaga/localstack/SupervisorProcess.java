package dev.ordersaga.localstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The supervisor of a detached stack: a small JVM of its own ({@code stack supervise}), started by
 * {@code up} and stopped first by {@code down}, so a crashed process comes back while nobody's
 * terminal is open. Pid file {@code pids/supervisor.pid}, log {@code logs/supervisor.log}.
 */
public final class SupervisorProcess {

    static final String ID = "supervisor";

    private SupervisorProcess() {}

    static Path pidFile(StackConfig config) {
        return config.pidDir().resolve(ID + ".pid");
    }

    static Path logFile(StackConfig config) {
        return config.logDir().resolve(ID + ".log");
    }

    public static Optional<ProcessHandle> running(StackConfig config) {
        return Processes.alive(ID, pidFile(config), config.dataDir());
    }

    /** Starts the supervisor unless one runs for this data directory. */
    public static void ensureRunning(StackConfig config) {
        try (StartLock lock = StartLock.acquire(config.dataDir())) {
            if (running(config).isPresent()) {
                return;
            }
            List<String> command = Jdk.javaCommand(
                    Processes.marker(ID, config.dataDir()),
                    "-Xms16m",
                    "-Xmx64m",
                    "-Xss512k",
                    "-XX:+UseSerialGC",
                    "-XX:TieredStopAtLevel=1",
                    "-cp",
                    LauncherJar.classPath(config),
                    StackCli.class.getName(),
                    "supervise",
                    "--root",
                    config.root().toString(),
                    "--data-dir",
                    config.dataDir().toString());
            Processes.start(ID, command, Map.of(), config.root(), logFile(config), pidFile(config));
        }
    }

    /** Stops it (SIGTERM; it holds no state worth a long grace). */
    public static void stop(StackConfig config) {
        running(config).ifPresent(h -> Processes.stop(h, Duration.ofSeconds(5)));
    }

    /** The line under the status table. */
    static String describe(StackConfig config) {
        return running(config)
                .map(h -> "supervisor: running (pid " + h.pid() + "): restarts what crashes, not what ./stack stop"
                        + " stopped; log " + logFile(config))
                .orElse("supervisor: not running (./stack up starts it)");
    }
}
