package dev.ordersaga.auth.login;

import dev.ordersaga.support.web.KeyedRateLimiter;
import dev.ordersaga.support.web.TooManyRequestsException;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The login limits of {@link LoginLimits}: token buckets (Bucket4j) per client address, per
 * (username, address) and per username. The first two refuse; the last only slows down, so an
 * attacker elsewhere can delay the owner's login by a few seconds but never refuse it.
 */
public class LoginRateLimiter {

    static final String TOO_MANY_ATTEMPTS = "TOO_MANY_ATTEMPTS";

    private final KeyedRateLimiter byAddress;
    private final KeyedRateLimiter byUsernameAtAddress;
    private final KeyedRateLimiter byUsername;
    private final Duration maxSlowDown;

    public LoginRateLimiter(LoginLimits limits, TimeMeter time) {
        this.byAddress = new KeyedRateLimiter(KeyedRateLimiter.Limit.of(limits.perAddress(), limits.window()), time);
        this.byUsernameAtAddress =
                new KeyedRateLimiter(KeyedRateLimiter.Limit.of(limits.perUsernameAndAddress(), limits.window()), time);
        this.byUsername = new KeyedRateLimiter(KeyedRateLimiter.Limit.of(limits.perUsername(), limits.window()), time);
        this.maxSlowDown = limits.maxSlowDown();
    }

    /**
     * Takes one attempt for this username from this address, or refuses with the wait.
     *
     * @return how long to hold the attempt before checking the password: zero, unless the
     *     username had more attempts than its budget, from wherever
     * @throws TooManyRequestsException 429 for the address, or for the username from this address
     */
    public Duration acquire(String usernameKey, String address) {
        // The address first: a sprayer of many usernames from one address is stopped there
        // without creating a bucket per username tried.
        refuseIfWaiting(byAddress.tryAcquire(address));
        refuseIfWaiting(byUsernameAtAddress.tryAcquire(pair(usernameKey, address)));
        Duration wait = byUsername.tryAcquire(usernameKey);
        return wait.compareTo(maxSlowDown) > 0 ? maxSlowDown : wait;
    }

    @Scheduled(fixedDelayString = "${auth.login.window:1m}")
    public void forgetIdle() {
        byAddress.forgetIdle();
        byUsernameAtAddress.forgetIdle();
        byUsername.forgetIdle();
    }

    int tracked() {
        return byAddress.tracked() + byUsernameAtAddress.tracked() + byUsername.tracked();
    }

    /** Length-prefixed, so no username and address can be spelled as another pair. */
    private static String pair(String usernameKey, String address) {
        return usernameKey.length() + ":" + usernameKey + "@" + address;
    }

    private static void refuseIfWaiting(Duration wait) {
        if (!wait.isZero()) {
            long seconds = KeyedRateLimiter.retryAfterSeconds(wait);
            throw new TooManyRequestsException(
                    TOO_MANY_ATTEMPTS, "Too many login attempts. Try again in " + seconds + " s.", seconds);
        }
    }
}
