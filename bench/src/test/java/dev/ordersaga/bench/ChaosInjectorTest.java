package dev.ordersaga.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The injector freezes and thaws, kills and waits for the restart, through the stack's pid files. */
@Timeout(value = 3, unit = java.util.concurrent.TimeUnit.MINUTES) // a hang fails here rather than stall the build
class ChaosInjectorTest {

    @TempDir
    Path stack;

    private final List<Process> started = new java.util.concurrent.CopyOnWriteArrayList<>();

    @AfterEach
    void stopAll() {
        started.forEach(Process::destroyForcibly);
    }

    private Process sleeper(String pidFileName) throws Exception {
        Process p = new ProcessBuilder("sleep", "120").start();
        started.add(p);
        Files.createDirectories(stack.resolve("pids"));
        Files.writeString(stack.resolve("pids").resolve(pidFileName), "pid=" + p.pid() + "\n");
        return p;
    }

    private static String state(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (line.startsWith("State:")) {
                return line.substring(6).trim();
            }
        }
        return "?";
    }

    private ChaosInjector injector() {
        return new ChaosInjector(
                stack, "true", Duration.ofSeconds(30), new PrintStream(PrintStream.nullOutputStream()));
    }

    @Test
    void a_frozen_component_is_stopped_for_the_planned_time_then_running_again() throws Exception {
        Process kafka = sleeper("kafka.pid");
        var fault = new ChaosPlan.Fault(
                1, Duration.ZERO, List.of(new ChaosPlan.Hit("kafka", ChaosPlan.Kind.FREEZE, Duration.ofSeconds(2))));

        CompletableFuture<ChaosInjector.Done> done = CompletableFuture.supplyAsync(() -> {
            try {
                return injector().inject(fault);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .until(() -> state(kafka.pid()).startsWith("T"));
        ChaosInjector.Done result = done.get();

        assertThat(state(kafka.pid())).doesNotStartWith("T");
        assertThat(kafka.isAlive()).isTrue();
        assertThat(result.notes()).containsExactly("kafka frozen 2 s");
        assertThat(result.endNanos() - result.startNanos())
                .isGreaterThanOrEqualTo(Duration.ofSeconds(2).toNanos());
    }

    @Test
    void a_killed_instance_is_waited_for_until_a_new_process_stands_in_its_pid_file() throws Exception {
        Process order = sleeper("order-service-1.pid");
        sleeper("gateway.pid");
        var fault = new ChaosPlan.Fault(
                2, Duration.ZERO, List.of(new ChaosPlan.Hit("order-service#1", ChaosPlan.Kind.KILL, Duration.ZERO)));

        CompletableFuture<ChaosInjector.Done> done = CompletableFuture.supplyAsync(() -> {
            try {
                return injector().inject(fault);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !order.isAlive());
        assertThat(done).isNotDone();
        Process restarted = sleeper("order-service-1.pid"); // what the supervisor does

        ChaosInjector.Done result = done.get();
        assertThat(result.notes())
                .singleElement()
                .asString()
                .startsWith("order-service#1 back (pid " + restarted.pid());
        assertThat(injector().targets(2)).containsExactlyInAnyOrder("gateway", "order-service#1");
    }
}
