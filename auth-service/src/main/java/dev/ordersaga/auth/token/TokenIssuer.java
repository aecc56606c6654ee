package dev.ordersaga.auth.token;

import dev.ordersaga.support.security.JwtClaims;
import io.jsonwebtoken.Jwts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.UUID;

/**
 * Signs RS256 tokens with the service's key: {@code sub}, {@code preferred_username},
 * {@code roles}, {@code customer_id} (when the user has one), {@code iss}, {@code iat}, {@code exp},
 * {@code jti}, and the key id in the header so verifiers pick the right JWKS entry.
 */
public class TokenIssuer {

    private final SigningKey key;
    private final String issuer;
    private final Duration ttl;
    private final Clock clock;

    public TokenIssuer(SigningKey key, String issuer, Duration ttl, Clock clock) {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("the token lifetime must be positive");
        }
        this.key = key;
        this.issuer = issuer;
        this.ttl = ttl;
        this.clock = clock;
    }

    public IssuedToken issue(TokenSubject subject) {
        // JWT times are whole seconds; truncate so expires_at in the answer equals exp in the token.
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = now.plus(ttl);
        var builder = Jwts.builder()
                .header()
                .keyId(key.keyId())
                .and()
                .id(UUID.randomUUID().toString())
                .subject(subject.userId())
                .issuer(issuer)
                .issuedAt(Date.from(now))
                .expiration(Date.from(expiresAt))
                .claim(JwtClaims.USERNAME, subject.username())
                .claim(JwtClaims.ROLES, subject.roles());
        if (subject.customerId() != null) {
            builder.claim(JwtClaims.CUSTOMER_ID, subject.customerId());
        }
        String token = builder.signWith(key.privateKey(), Jwts.SIG.RS256).compact();
        return new IssuedToken(token, expiresAt);
    }

    public Duration ttl() {
        return ttl;
    }
}
