package dev.ordersaga.auth.login;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Login rate limits, in memory per instance (see the README): each username and each client
 * address may try {@code perUsername} / {@code perAddress} times per {@code window}, refilled
 * smoothly (10 per minute = one more attempt every 6 s).
 *
 * @param perUsername attempts per username (case-insensitive) per window
 * @param perAddress attempts per client address per window
 * @param window the period the limits refill over
 */
@ConfigurationProperties("auth.login")
public record LoginLimits(
        @DefaultValue("10") int perUsername,
        @DefaultValue("30") int perAddress,
        @DefaultValue("1m") Duration window) {

    public LoginLimits {
        if (perUsername < 1 || perAddress < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("login limits must be positive");
        }
    }
}
