package dev.ordersaga.auth.token;

import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
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
 * @param previousKeyPaths keys that no longer sign but are still published in the JWKS and
 *     accepted, so tokens signed before a rotation stay valid until they expire
 *     ({@code JWT_PREVIOUS_KEY_PATHS}, comma-separated); drop a key from here one {@code ttl} after
 *     it stopped signing. See the README's key rotation steps
 */
@ConfigurationProperties("auth.jwt")
public record JwtSettings(
        @DefaultValue("./.stack/auth/jwt-signing-key.pem") Path keyPath,

        @DefaultValue("1h") @DurationUnit(ChronoUnit.SECONDS)
        Duration ttl,

        @DefaultValue List<Path> previousKeyPaths) {}
