package dev.ordersaga.gateway.reply;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Answers overdue waiters 504 every {@code interval}. One small platform thread for the whole
 * instance: a waiting request holds no thread of its own.
 */
public class HopTimeoutSweeper implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(HopTimeoutSweeper.class);

    private final ReplyWaiters waiters;
    private final Duration interval;
    private ScheduledExecutorService executor;

    public HopTimeoutSweeper(ReplyWaiters waiters, Duration interval) {
        this.waiters = waiters;
        this.interval = interval;
    }

    @Override
    public synchronized void start() {
        if (executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "hop-timeout-sweeper");
            thread.setDaemon(true);
            return thread;
        });
        long millis = Math.max(1, interval.toMillis());
        executor.scheduleWithFixedDelay(this::sweep, millis, millis, TimeUnit.MILLISECONDS);
    }

    private void sweep() {
        try {
            waiters.expireOverdue();
        } catch (RuntimeException e) {
            // Never let one bad round kill the schedule.
            log.error("hop timeout sweep failed", e);
        }
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }

    @Override
    public int getPhase() {
        return ReplyConsumer.PHASE;
    }
}
