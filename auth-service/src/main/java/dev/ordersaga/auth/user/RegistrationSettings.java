package dev.ordersaga.auth.user;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Self-registration: its rate limit, and the re-publisher of {@code UserRegistered} events that
 * were not acknowledged.
 *
 * @param republishInterval pause between two sweeps
 * @param republishAfter a user is only re-published once it is this old, so a sweep does not race
 *     the registration request that is still publishing it
 * @param batchSize users per sweep
 * @param perAddress registrations one client address may make per {@code window} (each costs a
 *     bcrypt hash, a user, a customer and an event), refilled smoothly
 * @param window the period {@code perAddress} refills over
 */
@ConfigurationProperties("auth.registration")
public record RegistrationSettings(
        @DefaultValue("10s") Duration republishInterval,
        @DefaultValue("10s") Duration republishAfter,
        @DefaultValue("100") int batchSize,
        @DefaultValue("10") int perAddress,
        @DefaultValue("10m") Duration window) {}
