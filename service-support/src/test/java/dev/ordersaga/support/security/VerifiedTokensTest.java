package dev.ordersaga.support.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ordersaga.testsupport.MutableClock;
import dev.ordersaga.testsupport.TestJwks;
import io.jsonwebtoken.Jwts;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/** A token's signature is checked once; its claims, expiry first, on every use. */
class VerifiedTokensTest {

    private static final String ISSUER = "ordersaga-auth";

    private final KeyPair keys = TestJwks.rsaKeyPair();
    private final MutableClock clock = new MutableClock(Instant.now());
    private final OAuth2TokenValidator<Jwt> validator = validator(clock);
    private final AtomicInteger verifications = new AtomicInteger();
    private final JwtDecoder verifier = verifier();

    @Test
    void the_signature_of_a_token_seen_before_is_not_checked_again() {
        var tokens = new VerifiedTokens(verifier, validator, Duration.ofMinutes(5));
        String token = token(keys, Duration.ofMinutes(5));

        assertThat(tokens.decode(token).getSubject()).isEqualTo("u-1");
        assertThat(tokens.decode(token).getSubject()).isEqualTo("u-1");
        assertThat(tokens.decode(token).getClaimAsStringList(JwtClaims.ROLES)).containsExactly("CUSTOMER");

        assertThat(verifications).hasValue(1);
    }

    @Test
    void a_token_seen_before_is_refused_the_moment_it_expires_without_a_new_signature_check() {
        var tokens = new VerifiedTokens(verifier, validator, Duration.ofMinutes(5));
        String token = token(keys, Duration.ofMinutes(2));
        tokens.decode(token);

        // past its expiry and Spring's 60 s of allowed clock skew
        clock.advance(Duration.ofMinutes(3).plusSeconds(1));

        assertThatThrownBy(() -> tokens.decode(token))
                .isInstanceOf(JwtValidationException.class)
                .isInstanceOf(BadJwtException.class)
                .hasMessageContaining("expired");
        assertThatThrownBy(() -> tokens.decode(token)).isInstanceOf(BadJwtException.class);
        assertThat(verifications)
                .as("the second refusal verified anew: nothing kept")
                .hasValue(2);
    }

    @Test
    void a_refused_token_is_never_kept_and_a_tampered_copy_of_a_good_one_is_refused() {
        var tokens = new VerifiedTokens(verifier, validator, Duration.ofMinutes(5));
        String good = token(keys, Duration.ofMinutes(5));
        tokens.decode(good);
        String forged = token(TestJwks.rsaKeyPair(), Duration.ofMinutes(5));
        String tampered = good.substring(0, good.length() - 2) + (good.endsWith("AA") ? "BB" : "AA");

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> tokens.decode(forged)).isInstanceOf(BadJwtException.class);
            assertThatThrownBy(() -> tokens.decode(tampered)).isInstanceOf(BadJwtException.class);
        }

        assertThat(verifications)
                .as("one for the good token, one for each refusal")
                .hasValue(5);
    }

    @Test
    void a_token_is_verified_again_once_it_has_been_kept_its_time() {
        var tokens = new VerifiedTokens(verifier, validator, Duration.ZERO);
        String token = token(keys, Duration.ofMinutes(5));

        tokens.decode(token);
        tokens.decode(token);

        assertThat(verifications).hasValue(2);
    }

    private JwtDecoder verifier() {
        NimbusJwtDecoder nimbus =
                NimbusJwtDecoder.withPublicKey((RSAPublicKey) keys.getPublic()).build();
        nimbus.setJwtValidator(validator);
        return token -> {
            verifications.incrementAndGet();
            return nimbus.decode(token);
        };
    }

    private static OAuth2TokenValidator<Jwt> validator(Clock clock) {
        var timestamps = new JwtTimestampValidator();
        timestamps.setClock(clock);
        return new DelegatingOAuth2TokenValidator<>(timestamps, new JwtIssuerValidator(ISSUER));
    }

    private String token(KeyPair signer, Duration valid) {
        Instant now = clock.instant();
        return Jwts.builder()
                .subject("u-1")
                .issuer(ISSUER)
                .issuedAt(Date.from(now))
                .expiration(Date.from(now.plus(valid)))
                .claim(JwtClaims.ROLES, List.of("CUSTOMER"))
                .signWith(signer.getPrivate(), Jwts.SIG.RS256)
                .compact();
    }
}
