package dev.ordersaga.localstack;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Restarts what crashed, as compose's {@code restart: unless-stopped} does: every tick it looks at
 * each instance the stack should run, and one that is not running and not held down by {@code
 * ./stack stop} is started again, after a back-off that doubles with each restart in a row (from
 * {@link Policy#first()} up to {@link Policy#max()}) and starts over once an instance stayed up for
 * {@link Policy#stable()}. Restarts run in parallel (two crashed processes come back together) and
 * are counted in {@link SupervisorState} for {@code ./stack status}.
 */
public final class Supervisor {

    /** What is supervised: the stack, or a fake in the tests. */
    public interface Target {
        /** Every instance that should be running. */
        List<Instance> wanted();

        boolean alive(Instance instance);

        /** Starts it and waits until it is ready; throws if it does not come up. */
        void start(Instance instance);
    }

    /** The back-off: {@code first}, doubled per restart in a row up to {@code max}; reset after {@code stable} up. */
    public record Policy(Duration first, Duration max, Duration stable, Duration tick) {
        public static final Policy DEFAULT = new Policy(
                Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(1));

        Duration delay(int inARow) {
            Duration d = first;
            for (int i = 0; i < inARow && d.compareTo(max) < 0; i++) {
                d = d.multipliedBy(2);
            }
            return d.compareTo(max) > 0 ? max : d;
        }
    }

    private final Target target;
    private final SupervisorState state;
    private final Policy policy;
    private final Supplier<Instant> clock;
    private final PrintStream out;
    private final Map<Instance, Instant> deadSince = new HashMap<>();
    private final Map<Instance, Integer> inARow = new HashMap<>();
    private final Map<Instance, Instant> lastStart = new HashMap<>();
    private final Set<Instance> restarting = ConcurrentHashMap.newKeySet();

    public Supervisor(Target target, SupervisorState state, Policy policy, Supplier<Instant> clock, PrintStream out) {
        this.target = target;
        this.state = state;
        this.policy = policy;
        this.clock = clock;
        this.out = out;
    }

    /** A supervisor of a stack, restarting through its launcher. */
    public static Supervisor of(Stack stack, PrintStream out) {
        Target target = new Target() {
            @Override
            public List<Instance> wanted() {
                return stack.config().instances();
            }

            @Override
            public boolean alive(Instance instance) {
                return stack.process(instance).isPresent();
            }

            @Override
            public void start(Instance instance) {
                stack.startOne(instance);
            }
        };
        return new Supervisor(target, SupervisorState.of(stack.config()), Policy.DEFAULT, Instant::now, out);
    }

    /** Runs until interrupted. */
    public void run() throws InterruptedException {
        while (!Thread.currentThread().isInterrupted()) {
            check();
            Thread.sleep(policy.tick());
        }
    }

    /**
     * One look at every wanted instance; starts (on a thread of its own) each that is due for a
     * restart.
     *
     * @return the instances whose restart this call began
     */
    public synchronized List<Instance> check() {
        Instant now = clock.get();
        List<Instance> due = new java.util.ArrayList<>();
        for (Instance i : target.wanted()) {
            if (restarting.contains(i)) {
                continue;
            }
            if (target.alive(i)) {
                deadSince.remove(i);
                Instant started = lastStart.get(i);
                if (started != null && Duration.between(started, now).compareTo(policy.stable()) >= 0) {
                    inARow.remove(i);
                    lastStart.remove(i);
                }
                continue;
            }
            if (state.isHeld(i)) {
                deadSince.remove(i);
                continue;
            }
            Instant since = deadSince.computeIfAbsent(i, k -> now);
            int n = inARow.getOrDefault(i, 0);
            if (Duration.between(since, now).compareTo(policy.delay(n)) >= 0) {
                due.add(i);
            }
        }
        for (Instance i : due) {
            restarting.add(i);
            inARow.merge(i, 1, Integer::sum);
            lastStart.put(i, now);
            deadSince.remove(i);
            int attempt = inARow.get(i);
            Thread.ofVirtual().name("restart-" + i.fileName()).start(() -> restart(i, attempt));
        }
        return due;
    }

    /** Whether a restart is under way (for the tests). */
    public boolean restarting(Instance instance) {
        return restarting.contains(instance);
    }

    private void restart(Instance i, int attempt) {
        try {
            out.printf(
                    "%s supervisor: %s is not running; restarting it (restart %d in a row)%n",
                    clock.get(), i.id(), attempt);
            state.countRestart(i);
            target.start(i);
            out.printf("%s supervisor: %s is back%n", clock.get(), i.id());
        } catch (RuntimeException e) {
            out.printf("%s supervisor: restarting %s failed: %s%n", clock.get(), i.id(), e.getMessage());
        } finally {
            restarting.remove(i);
        }
    }
}
