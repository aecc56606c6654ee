package dev.ordersaga.support.web;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * One token bucket (Bucket4j) per key: a user, a client address, a (username, address) pair. In
 * memory, so each instance counts on its own (a shared store, e.g. Bucket4j on Redis, would make
 * N instances one limit). A full bucket holds nothing worth keeping, so {@link #forgetIdle()}
 * drops those, and the map does not grow with every key a stranger ever sent.
 */
public final class KeyedRateLimiter {

    /**
     * @param capacity the burst: tokens a new or rested key has
     * @param refill tokens added per {@code period}, smoothly (10 per minute = one every 6 s)
     * @param period the refill period
     */
    public record Limit(long capacity, long refill, Duration period) {

        public Limit {
            if (capacity < 1 || refill < 1 || period.isNegative() || period.isZero()) {
                throw new IllegalArgumentException("a rate limit needs a positive capacity, refill and period");
            }
        }

        /** {@code count} per {@code period}, with a burst of the same size. */
        public static Limit of(long count, Duration period) {
            return new Limit(count, count, period);
        }
    }

    private final Limit limit;
    private final TimeMeter time;
    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public KeyedRateLimiter(Limit limit, TimeMeter time) {
        this.limit = limit;
        this.time = time;
    }

    public KeyedRateLimiter(Limit limit) {
        this(limit, TimeMeter.SYSTEM_NANOTIME);
    }

    /** Takes one token of {@code key}: {@link Duration#ZERO} if there was one, else how long until there is. */
    public Duration tryAcquire(String key) {
        ConsumptionProbe probe = bucket(key).tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Duration.ZERO : Duration.ofNanos(Math.max(1, probe.getNanosToWaitForRefill()));
    }

    /** Drops the buckets that are full again (nothing to remember about them). */
    public void forgetIdle() {
        buckets.keySet()
                .forEach(key -> buckets.computeIfPresent(
                        key, (k, bucket) -> bucket.getAvailableTokens() >= limit.capacity() ? null : bucket));
    }

    public int tracked() {
        return buckets.size();
    }

    public Limit limit() {
        return limit;
    }

    /** Whole seconds to wait, rounded up, at least 1: the value of a {@code Retry-After} header. */
    public static long retryAfterSeconds(Duration wait) {
        return Math.max(1, (wait.toNanos() + 999_999_999L) / 1_000_000_000L);
    }

    private Bucket bucket(String key) {
        return buckets.computeIfAbsent(
                key,
                k -> Bucket.builder()
                        .addLimit(bandwidth ->
                                bandwidth.capacity(limit.capacity()).refillGreedy(limit.refill(), limit.period()))
                        .withCustomTimePrecision(time)
                        .build());
    }
}
