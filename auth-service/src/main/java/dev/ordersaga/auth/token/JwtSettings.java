package dev.ordersaga.auth.token;

import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationUnit;

/**
 * How auth-service signs tokens (the issuer is {@code saga.security.issuer}, shared with every
 * verifier).
 *
 * @param keyPath the PKCS#8 PEM file holding the RSA signing key; generated on first start, then
 *     reused, so a restart keeps every issued token valid
 * @param ttl how long a token is valid ({@code 1h}, {@code 30m}; a plain number means seconds)
 */
@ConfigurationProperties("auth.jwt")
public record JwtSettings(
        @DefaultValue("./.stack/auth/jwt-signing-key.pem") Path keyPath,

        @DefaultValue("1h") @DurationUnit(ChronoUnit.SECONDS)
        Duration ttl) {}
