package dev.ordersaga.auth.user;

import dev.ordersaga.support.web.KeyedRateLimiter;
import dev.ordersaga.support.web.TooManyRequestsException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Self-registrations per client address (10 per 10 minutes by default), checked before the
 * password is hashed: a flood from one address costs a token bucket, not a bcrypt hash, a user, a
 * customer record and an event each. Accounts an admin creates are not limited.
 */
@Component
class RegistrationLimiter {

    static final String TOO_MANY_REGISTRATIONS = "TOO_MANY_REGISTRATIONS";

    private final KeyedRateLimiter byAddress;

    RegistrationLimiter(RegistrationSettings settings) {
        this.byAddress = new KeyedRateLimiter(KeyedRateLimiter.Limit.of(settings.perAddress(), settings.window()));
    }

    /** @throws TooManyRequestsException 429 with the wait when this address registered too often */
    void acquire(String address) {
        var wait = byAddress.tryAcquire(address);
        if (!wait.isZero()) {
            long seconds = KeyedRateLimiter.retryAfterSeconds(wait);
            throw new TooManyRequestsException(
                    TOO_MANY_REGISTRATIONS,
                    "Too many registrations from this address. Try again in " + seconds + " s.",
                    seconds);
        }
    }

    @Scheduled(fixedDelayString = "${auth.registration.window:10m}")
    void forgetIdle() {
        byAddress.forgetIdle();
    }
}
