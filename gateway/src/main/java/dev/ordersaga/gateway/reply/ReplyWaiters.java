package dev.ordersaga.gateway.reply;

import dev.ordersaga.events.OrderStatusChanged;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The requests of this gateway instance that wait for their order, by order id. An order id has a
 * LIST of waiters: requests racing with one Idempotency-Key share an order id and all get the
 * answer (each checked against its own request hash). Nothing here outlives the process: a
 * waiter is answered by a terminal reply, by its hop timeout, or by a failed publish.
 */
public class ReplyWaiters {

    private static final Logger log = LoggerFactory.getLogger(ReplyWaiters.class);

    private final Clock clock;
    private final Duration hopTimeout;
    private final Map<String, List<Waiter>> byOrder = new ConcurrentHashMap<>();
    private final AtomicLong matched = new AtomicLong();
    private final AtomicLong ignored = new AtomicLong();
    private final AtomicLong expired = new AtomicLong();

    public ReplyWaiters(Clock clock, Duration hopTimeout) {
        this.clock = clock;
        this.hopTimeout = hopTimeout;
    }

    public Duration hopTimeout() {
        return hopTimeout;
    }

    /** Registers a waiter; do it BEFORE publishing, so a fast reply cannot pass it by. */
    public Waiter register(String orderId, String requestHash) {
        Waiter waiter = new Waiter(orderId, requestHash, clock.instant(), hopTimeout);
        byOrder.compute(orderId, (id, waiters) -> {
            List<Waiter> next = waiters == null ? new ArrayList<>(1) : new ArrayList<>(waiters);
            next.add(waiter);
            return List.copyOf(next);
        });
        return waiter;
    }

    /** A reply from order-service; replies for orders this instance does not wait for are ignored. */
    public void onReply(OrderStatusChanged reply) {
        List<Waiter> waiters = byOrder.get(reply.orderId());
        if (waiters == null) {
            ignored.incrementAndGet();
            return;
        }
        matched.incrementAndGet();
        Instant now = clock.instant();
        for (Waiter waiter : waiters) {
            try {
                if (waiter.onReply(reply, now)) {
                    remove(waiter);
                }
            } catch (RuntimeException e) {
                // A reply the gateway cannot map must not keep the other waiters from theirs; this
                // one is answered by its hop timeout (504 with the status URL).
                log.error("cannot answer order {} from reply {}", reply.orderId(), reply.eventId(), e);
            }
        }
        log.debug(
                "reply for order {}: {} after {} ({} waiting)",
                reply.orderId(),
                reply.status(),
                reply.lastStep(),
                waiters.size());
    }

    /**
     * Progress of an order seen on a participant's topic rather than in a reply (the customer's
     * validation, read from {@code customer-events}): restarts the hop clock of its waiters; ignored
     * for orders this instance does not wait for.
     */
    public void onProgress(String orderId, String step) {
        List<Waiter> waiters = byOrder.get(orderId);
        if (waiters == null) {
            ignored.incrementAndGet();
            return;
        }
        matched.incrementAndGet();
        Instant now = clock.instant();
        waiters.forEach(waiter -> waiter.onProgress(step, now));
    }

    /** Answers 504 to every waiter whose hop clock ran out. @return how many expired */
    public int expireOverdue() {
        Instant now = clock.instant();
        int count = 0;
        for (List<Waiter> waiters : byOrder.values()) {
            for (Waiter waiter : waiters) {
                if (waiter.expireIfOverdue(now)) {
                    remove(waiter);
                    count++;
                    log.info("order {}: no progress for {} after {}", waiter.orderId(), hopTimeout, waiter.lastStep());
                }
            }
        }
        expired.addAndGet(count);
        return count;
    }

    /** Gives up on a waiter with {@code failure} (e.g. the request never reached the broker). */
    public void abandon(Waiter waiter, Answer failure) {
        waiter.fail(failure);
        remove(waiter);
    }

    /** Requests currently waiting. */
    public int waiting() {
        return byOrder.values().stream().mapToInt(List::size).sum();
    }

    /** Replies (and progress seen on a participant's topic) that belonged to an order this instance waits for. */
    public long matchedReplies() {
        return matched.get();
    }

    /** Replies for orders of other instances (or answered already), skipped. */
    public long ignoredReplies() {
        return ignored.get();
    }

    public long expiredWaiters() {
        return expired.get();
    }

    private void remove(Waiter waiter) {
        byOrder.computeIfPresent(waiter.orderId(), (id, waiters) -> {
            List<Waiter> rest = waiters.stream().filter(w -> w != waiter).toList();
            return rest.isEmpty() ? null : rest;
        });
    }
}
