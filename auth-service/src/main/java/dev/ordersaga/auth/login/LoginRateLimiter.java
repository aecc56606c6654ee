package dev.ordersaga.auth.login;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Token buckets (Bucket4j) per username and per client address. In memory, so each instance
 * counts on its own: with N instances behind a balancer an attacker gets up to N times the limit
 * (a shared store, e.g. Bucket4j on Redis, would close that; see the README). A full bucket holds
 * nothing worth keeping, so idle buckets are dropped periodically and the maps do not grow with
 * every username ever tried.
 */
public class LoginRateLimiter {

    private final LoginLimits limits;
    private final TimeMeter time;
    private final ConcurrentMap<String, Bucket> byUsername = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Bucket> byAddress = new ConcurrentHashMap<>();

    public LoginRateLimiter(LoginLimits limits, TimeMeter time) {
        this.limits = limits;
        this.time = time;
    }

    /** Takes one attempt for this username and this address, or refuses with the wait. */
    public void acquire(String usernameKey, String address) {
        // The address first: a sprayer of many usernames from one address is stopped there
        // without creating a bucket per username tried.
        check(bucket(byAddress, address, limits.perAddress()).tryConsumeAndReturnRemaining(1));
        check(bucket(byUsername, usernameKey, limits.perUsername()).tryConsumeAndReturnRemaining(1));
    }

    @Scheduled(fixedDelayString = "${auth.login.window:1m}")
    public void forgetIdle() {
        forgetFull(byUsername, limits.perUsername());
        forgetFull(byAddress, limits.perAddress());
    }

    int tracked() {
        return byUsername.size() + byAddress.size();
    }

    private Bucket bucket(ConcurrentMap<String, Bucket> buckets, String key, int capacity) {
        return buckets.computeIfAbsent(
                key,
                k -> Bucket.builder()
                        .addLimit(limit -> limit.capacity(capacity).refillGreedy(capacity, limits.window()))
                        .withCustomTimePrecision(time)
                        .build());
    }

    private static void check(ConsumptionProbe probe) {
        if (!probe.isConsumed()) {
            long seconds = TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999L);
            throw new TooManyAttemptsException(Math.max(1, seconds));
        }
    }

    private static void forgetFull(ConcurrentMap<String, Bucket> buckets, int capacity) {
        buckets.keySet()
                .forEach(key -> buckets.computeIfPresent(
                        key, (k, bucket) -> bucket.getAvailableTokens() >= capacity ? null : bucket));
    }
}
