package dev.ordersaga.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher signals only processes it provably started. */
class ProcessesTest {

    @TempDir
    Path dir;

    private ProcessHandle startSleeper(Path pidFile) {
        // bash -c CMD NAME: the marker becomes $0 and so part of the command line ("; true" keeps
        // bash from replacing itself with sleep)
        String marker = Processes.marker(Component.ORDER, dir);
        ProcessHandle handle = Processes.start(
                Component.ORDER,
                List.of("bash", "-c", "sleep 60; true", marker),
                Map.of(),
                dir,
                dir.resolve("logs/order-service.log"),
                pidFile);
        // until the exec is done, /proc shows the command line of the launching helper
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> handle.info().commandLine().orElse("").contains("bash"));
        return handle;
    }

    @Test
    void a_started_process_is_found_by_its_pid_file_and_stopped_by_sigterm() throws Exception {
        Path pidFile = dir.resolve("pids/order-service.pid");
        ProcessHandle started = startSleeper(pidFile);

        Optional<ProcessHandle> found = Processes.alive(Component.ORDER, pidFile, dir);
        assertThat(found).map(ProcessHandle::pid).contains(started.pid());
        assertThat(Files.readString(dir.resolve("logs/order-service.log"), java.nio.charset.StandardCharsets.UTF_8))
                .contains("starting order-service");

        boolean killed = Processes.stop(found.orElseThrow(), Duration.ofSeconds(10));

        assertThat(killed).isFalse();
        assertThat(started.isAlive()).isFalse();
        assertThat(Processes.alive(Component.ORDER, pidFile, dir)).isEmpty();
    }

    @Test
    void a_pid_file_is_ignored_when_the_process_is_another_component_or_another_stack() throws Exception {
        Path pidFile = dir.resolve("pids/order-service.pid");
        ProcessHandle started = startSleeper(pidFile);
        try {
            assertThat(Processes.alive(Component.PAYMENT, pidFile, dir)).isEmpty();
            assertThat(Processes.alive(Component.ORDER, pidFile, dir.resolve("other")))
                    .isEmpty();
        } finally {
            Processes.kill(started);
        }
    }

    @Test
    void a_recycled_pid_is_not_ours() throws Exception {
        Path pidFile = dir.resolve("pids/order-service.pid");
        ProcessHandle started = startSleeper(pidFile);
        try {
            String text = Files.readString(pidFile).replaceAll("started=.*", "started=2001-01-01T00\\\\:00\\\\:00Z");
            Files.writeString(pidFile, text);

            assertThat(Processes.alive(Component.ORDER, pidFile, dir)).isEmpty();
        } finally {
            Processes.kill(started);
        }
    }

    @Test
    void the_rss_of_a_live_process_is_read_from_proc() {
        assertThat(Processes.rssBytes(ProcessHandle.current().pid())).isPositive();
    }

    @Test
    void a_zombie_that_nobody_reaped_counts_as_stopped() throws Exception {
        // The child must outlive bash: bash reaps a child that ends before it execs. So the child
        // waits for a file the test creates only once its parent is the exec'd sleep, which never
        // waits for children: the child then stays a zombie while the sleep runs.
        Path release = dir.resolve("release");
        Process parent = new ProcessBuilder(
                        "bash",
                        "-c",
                        "(while [ ! -e \"$1\" ]; do sleep 0.05; done) & echo $!; exec sleep 30",
                        "zombie-parent",
                        release.toString())
                .redirectErrorStream(true)
                .start();
        try {
            long zombie =
                    Long.parseLong(new java.io.BufferedReader(new java.io.InputStreamReader(parent.getInputStream()))
                            .readLine()
                            .trim());
            Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> parent.toHandle()
                            .info()
                            .command()
                            .map(c -> c.endsWith("/sleep"))
                            .orElse(false));
            Files.createFile(release);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> Processes.dying(zombie));
            // the JDK still calls it alive, the launcher must not
            assertThat(ProcessHandle.of(zombie).map(ProcessHandle::isAlive)).contains(true);
            Path pidFile = dir.resolve("pids/order-service.pid");
            Files.createDirectories(pidFile.getParent());
            Files.writeString(pidFile, "pid=" + zombie + "\n");
            assertThat(Processes.alive(Component.ORDER, pidFile, dir)).isEmpty();
            assertThat(Processes.dying(ProcessHandle.current().pid())).isFalse();
        } finally {
            parent.destroyForcibly();
        }
    }
}
