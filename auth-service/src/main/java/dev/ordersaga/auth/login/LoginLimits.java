package dev.ordersaga.auth.login;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Login rate limits, in memory per instance (see the README), each a token bucket refilled
 * smoothly over {@code window} (10 per minute = one more attempt every 6 s).
 *
 * <p>Two limits refuse (429): one client address, whatever usernames it tries, and one username
 * from one address. The username alone is never refused, or anyone could lock the owner out by
 * sending ten wrong passwords: past {@code perUsername} attempts in a window, every attempt for
 * that username, from anywhere, is slowed down by up to {@code maxSlowDown} instead.
 *
 * @param perAddress attempts per client address per window
 * @param perUsernameAndAddress attempts per (username, address) per window
 * @param perUsername attempts per username (case-insensitive) per window before the slow-down
 * @param window the period the limits refill over
 * @param maxSlowDown the longest an attempt past {@code perUsername} is held before it is checked
 */
@ConfigurationProperties("auth.login")
public record LoginLimits(
        @DefaultValue("30") int perAddress,
        @DefaultValue("10") int perUsernameAndAddress,
        @DefaultValue("10") int perUsername,
        @DefaultValue("1m") Duration window,
        @DefaultValue("3s") Duration maxSlowDown) {

    public LoginLimits {
        if (perAddress < 1
                || perUsernameAndAddress < 1
                || perUsername < 1
                || window.isNegative()
                || window.isZero()
                || maxSlowDown.isNegative()) {
            throw new IllegalArgumentException("login limits must be positive");
        }
    }
}
