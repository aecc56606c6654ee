package dev.ordersaga.auth.user;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Password hashing.
 *
 * @param bcryptStrength the bcrypt cost factor (log2 of the rounds). 10 was measured at ~65 ms per
 *     hash on the 2-core build machine (11: ~130 ms, 12: ~265 ms); see the README.
 */
@ConfigurationProperties("auth.password")
public record PasswordSettings(@DefaultValue("10") int bcryptStrength) {}
