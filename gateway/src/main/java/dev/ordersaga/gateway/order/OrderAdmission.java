package dev.ordersaga.gateway.order;

import dev.ordersaga.gateway.config.GatewaySettings;
import dev.ordersaga.gateway.reply.ReplyWaiters;
import dev.ordersaga.support.web.KeyedRateLimiter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * Who may place an order now. Per user: a token bucket (20/s sustained, bursts of 60 by
 * default), so one freely registered account cannot drive the whole shop past its knee, while
 * every other user keeps ordering (429 with {@code Retry-After}). In all: when more orders wait
 * for their outcome at this instance than the saga can decide within a hop timeout, new ones are
 * shed (503 with {@code Retry-After}) instead of joining a queue that would end in 504s; and while
 * the broker has left an order unacknowledged for longer than {@code saga.admission.publish-stall}
 * (down or frozen, see {@link PublishWatch}), new ones are refused (503 with {@code Retry-After})
 * before anything is sent, so the client knows nothing was ordered instead of getting a 504.
 */
@Component
class OrderAdmission {

    static final String RATE_LIMITED = "TOO_MANY_ORDERS";
    static final String OVERLOADED = "OVERLOADED";
    static final String PIPELINE_UNAVAILABLE = "PIPELINE_UNAVAILABLE";
    private static final long SWEEP_EVERY_NANOS = Duration.ofMinutes(1).toNanos();

    private final KeyedRateLimiter perUser;
    private final ReplyWaiters waiters;
    private final int maxWaiting;
    private final PublishWatch publishes;
    private final Duration publishStall;
    private final Counter rateLimited;
    private final Counter shed;
    private final Counter stalled;
    private final AtomicLong lastSweep = new AtomicLong(System.nanoTime());

    OrderAdmission(GatewaySettings settings, ReplyWaiters waiters, PublishWatch publishes, MeterRegistry meters) {
        GatewaySettings.Admission admission = settings.admission();
        this.perUser = new KeyedRateLimiter(
                new KeyedRateLimiter.Limit(admission.perUserBurst(), admission.perUserRate(), Duration.ofSeconds(1)));
        this.waiters = waiters;
        this.maxWaiting = admission.maxWaiting();
        this.publishes = publishes;
        this.publishStall = admission.publishStall();
        this.rateLimited = refused(meters, "rate_limited");
        this.shed = refused(meters, "overloaded");
        this.stalled = refused(meters, "pipeline_unavailable");
    }

    /**
     * @throws GatewayProblem 429 for a user over their rate, 503 when too many orders wait already or
     *     the broker has not acknowledged an order for longer than the publish stall
     */
    void admit(String userId) {
        forgetIdleUsersNowAndThen();
        Duration wait = perUser.tryAcquire(userId);
        if (!wait.isZero()) {
            rateLimited.increment();
            long seconds = KeyedRateLimiter.retryAfterSeconds(wait);
            throw GatewayProblem.tooManyRequests(
                    RATE_LIMITED,
                    "Too many orders from this account (at most "
                            + perUser.limit().refill()
                            + " per second, bursts of " + perUser.limit().capacity() + "). Retry in " + seconds
                            + " s.",
                    seconds);
        }
        if (waiters.waiting() >= maxWaiting) {
            shed.increment();
            throw GatewayProblem.unavailable(
                    OVERLOADED, "The shop is taking more orders than it can decide right now. Retry shortly.", 1);
        }
        Duration unacknowledged = publishes.oldestWait();
        if (unacknowledged.compareTo(publishStall) > 0) {
            stalled.increment();
            throw GatewayProblem.unavailable(
                    PIPELINE_UNAVAILABLE,
                    "The order pipeline has not acknowledged an order for " + unacknowledged.toSeconds()
                            + " s (its message broker is down, frozen or overloaded). Nothing was ordered; retry shortly"
                            + " with the same Idempotency-Key.",
                    2);
        }
    }

    /** The buckets of users who stopped ordering are full again and need not be kept. */
    private void forgetIdleUsersNowAndThen() {
        long last = lastSweep.get();
        long now = System.nanoTime();
        if (now - last > SWEEP_EVERY_NANOS && lastSweep.compareAndSet(last, now)) {
            perUser.forgetIdle();
        }
    }

    private static Counter refused(MeterRegistry meters, String reason) {
        return Counter.builder("gateway.orders.refused")
                .tag("reason", reason)
                .description("create_order requests refused by admission control")
                .register(meters);
    }
}
