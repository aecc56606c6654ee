package dev.ordersaga.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The supervisor restarts what crashed, with a growing bounded delay, and leaves what was stopped. */
class SupervisorTest {

    private static final Instance ORDER = Instance.first(Component.ORDER);
    private static final Instance INVENTORY_1 = new Instance(Component.INVENTORY, 1);

    @TempDir
    Path dir;

    private final Set<Instance> alive = ConcurrentHashMap.newKeySet();
    private final List<Instance> started = new CopyOnWriteArrayList<>();
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
    private volatile boolean startsFail;
    private SupervisorState state;
    private Supervisor supervisor;

    @BeforeEach
    void setUp() {
        state = SupervisorState.of(StackConfig.defaults(dir, dir).withDataDir(dir));
        Supervisor.Target target = new Supervisor.Target() {
            @Override
            public List<Instance> wanted() {
                return List.of(ORDER, INVENTORY_1);
            }

            @Override
            public boolean alive(Instance instance) {
                return alive.contains(instance);
            }

            @Override
            public void start(Instance instance) {
                started.add(instance);
                if (startsFail) {
                    throw new StackException(instance.id() + " exited during start-up");
                }
                alive.add(instance);
            }
        };
        Supervisor.Policy policy = new Supervisor.Policy(
                Duration.ofSeconds(1), Duration.ofSeconds(8), Duration.ofSeconds(60), Duration.ofMillis(10));
        supervisor = new Supervisor(target, state, policy, now::get, new PrintStream(PrintStream.nullOutputStream()));
        alive.addAll(List.of(ORDER, INVENTORY_1));
    }

    @AfterEach
    void restartsDone() {
        awaitRestartDone(ORDER);
        awaitRestartDone(INVENTORY_1);
    }

    private void pass(Duration time) {
        now.set(now.get().plus(time));
    }

    private void awaitRestartDone(Instance i) {
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !supervisor.restarting(i));
    }

    @Test
    void a_crashed_instance_is_restarted_after_the_first_delay_and_counted() {
        assertThat(supervisor.check()).isEmpty();
        alive.remove(INVENTORY_1);

        assertThat(supervisor.check()).as("seen dead, not yet due").isEmpty();
        pass(Duration.ofSeconds(1));
        assertThat(supervisor.check()).containsExactly(INVENTORY_1);
        awaitRestartDone(INVENTORY_1);

        assertThat(alive).contains(INVENTORY_1);
        assertThat(started).containsExactly(INVENTORY_1);
        assertThat(state.restarts(INVENTORY_1)).isEqualTo(1);
        assertThat(state.restarts(ORDER)).isZero();
    }

    @Test
    void an_instance_stopped_on_purpose_stays_stopped_until_released() {
        state.hold(ORDER);
        alive.remove(ORDER);
        pass(Duration.ofMinutes(5));
        assertThat(supervisor.check()).isEmpty();
        pass(Duration.ofMinutes(5));
        assertThat(supervisor.check()).isEmpty();
        assertThat(started).isEmpty();

        state.releaseAll(List.of(ORDER));
        supervisor.check();
        pass(Duration.ofSeconds(1));
        assertThat(supervisor.check()).containsExactly(ORDER);
    }

    @Test
    void failed_restarts_back_off_doubling_up_to_the_cap_and_reset_once_stable() {
        startsFail = true;
        alive.remove(ORDER);
        supervisor.check();
        // delays 1, 2, 4, 8, 8 s: each restart is due exactly then, not a second before
        for (long delay : new long[] {1, 2, 4, 8, 8}) {
            pass(Duration.ofSeconds(delay - 1));
            assertThat(supervisor.check()).as("before %d s", delay).isEmpty();
            pass(Duration.ofSeconds(1));
            assertThat(supervisor.check()).as("after %d s", delay).containsExactly(ORDER);
            awaitRestartDone(ORDER);
            supervisor.check(); // sees it dead again: the next delay starts now
        }
        assertThat(state.restarts(ORDER)).isEqualTo(5);

        startsFail = false;
        pass(Duration.ofSeconds(8));
        assertThat(supervisor.check()).containsExactly(ORDER);
        awaitRestartDone(ORDER);
        pass(Duration.ofSeconds(60));
        supervisor.check(); // up for a minute: the back-off starts over
        alive.remove(ORDER);
        supervisor.check();
        pass(Duration.ofSeconds(1));
        assertThat(supervisor.check()).containsExactly(ORDER);
    }
}
