package dev.ordersaga.saga.publish;

import java.time.Duration;
import java.time.Instant;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * Runs a {@link ReliablePublisher} sweep on a thread of its own every {@code interval} (the first
 * one interval after the start), from the context's start until its stop. Deadlines and pending
 * marks are stored, so nothing is forgotten across restarts.
 */
public final class PendingEventsSweep implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PendingEventsSweep.class);

    private final String name;
    private final Duration interval;
    private final IntSupplier sweep;
    private ThreadPoolTaskScheduler scheduler;

    PendingEventsSweep(String name, Duration interval, IntSupplier sweep) {
        this.name = name;
        this.interval = interval;
        this.sweep = sweep;
    }

    /** Sweeps once now, on the caller's thread; how many entries had their events sent. */
    public int sweepNow() {
        return sweep.getAsInt();
    }

    @Override
    public synchronized void start() {
        scheduler = new ThreadPoolTaskScheduler();
        scheduler.setThreadNamePrefix(name + "-sweep-");
        scheduler.setWaitForTasksToCompleteOnShutdown(true);
        scheduler.setAwaitTerminationMillis(interval.plusSeconds(10).toMillis());
        scheduler.initialize();
        scheduler.scheduleWithFixedDelay(this::runSafely, Instant.now().plus(interval), interval);
    }

    private void runSafely() {
        try {
            sweepNow();
        } catch (RuntimeException e) {
            // Never let one failed run (e.g. the database briefly away) stop the schedule.
            log.warn("{}: sweep failed; next run in {}: {}", name, interval, e.toString());
        }
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdown();
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
