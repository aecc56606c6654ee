package dev.ordersaga.support.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.ordersaga.testsupport.TestJwks;
import io.jsonwebtoken.Jwts;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * The shared decoder caches the key set and refreshes it at most once per interval for unknown kids;
 * while auth-service cannot be reached it uses on the last key set it fetched, and before it ever
 * fetched one an unreachable auth-service is an outage (503), never a 401 for a valid token.
 */
class JwksFetchLimitTest {

    private static final String ISSUER = "ordersaga-auth";

    private final KeyPair published = TestJwks.rsaKeyPair();
    private final KeyPair stranger = TestJwks.rsaKeyPair();
    private final AtomicInteger fetches = new AtomicInteger();
    private final AtomicInteger failedFetches = new AtomicInteger();
    private final AtomicBoolean failing = new AtomicBoolean();
    private final List<String> keys = new ArrayList<>();
    private HttpServer server;
    private String jwksUri;

    @BeforeEach
    void serveJwks() throws Exception {
        keys.add(jwk((RSAPublicKey) published.getPublic(), "key-1"));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/.well-known/jwks.json", exchange -> {
            if (failing.get()) {
                // auth-service answering but broken, as good as down for the decoder
                failedFetches.incrementAndGet();
                exchange.sendResponseHeaders(503, -1);
                exchange.close();
                return;
            }
            fetches.incrementAndGet();
            byte[] body = ("{\"keys\":[" + String.join(",", keys) + "]}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        jwksUri = "http://127.0.0.1:" + server.getAddress().getPort() + "/.well-known/jwks.json";
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void a_hundred_and_fifty_random_kids_cost_at_most_two_fetches_and_good_tokens_keep_verifying() {
        JwtDecoder decoder = SagaSecurityAutoConfiguration.decoder(settings(Duration.ofSeconds(30)));
        assertThat(decoder.decode(token(published, "key-1")).getSubject()).isEqualTo("u-1");

        for (int i = 0; i < 150; i++) {
            String forged = token(stranger, UUID.randomUUID().toString());
            // BadJwtException is what the resource server answers 401 (any other JwtException is an
            // AuthenticationServiceException, answered 503 AUTH_UNAVAILABLE by ProblemErrorController)
            assertThatThrownBy(() -> decoder.decode(forged)).isInstanceOf(BadJwtException.class);
        }

        assertThat(decoder.decode(token(published, "key-1")).getSubject()).isEqualTo("u-1");
        // Nimbus's rate limiter lets two fetches through per interval (the first and one refresh).
        assertThat(fetches.get()).isBetween(1, 2);
    }

    @Test
    void a_key_published_later_is_picked_up_by_the_next_refresh() throws Exception {
        JwtDecoder decoder = SagaSecurityAutoConfiguration.decoder(settings(Duration.ofMillis(1)));
        assertThat(decoder.decode(token(published, "key-1")).getSubject()).isEqualTo("u-1");

        KeyPair next = TestJwks.rsaKeyPair();
        keys.add(jwk((RSAPublicKey) next.getPublic(), "key-2"));

        assertThat(decoder.decode(token(next, "key-2")).getSubject()).isEqualTo("u-1");
        assertThat(decoder.decode(token(published, "key-1")).getSubject()).isEqualTo("u-1");
    }

    @Test
    void when_the_key_set_expires_while_auth_service_cannot_be_reached_the_last_one_is_used_on() {
        JwtDecoder decoder =
                SagaSecurityAutoConfiguration.decoder(settings(Duration.ofMillis(300), Duration.ofMillis(100)));
        String token = token(published, "key-1");
        assertThat(decoder.decode(token).getSubject()).isEqualTo("u-1");

        failing.set(true);

        // every decode, the one that meets the expiry and fails to fetch included, still verifies
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> {
                    assertThat(decoder.decode(token).getSubject()).isEqualTo("u-1");
                    assertThat(failedFetches.get()).isPositive();
                });
        assertThat(decoder.decode(token).getSubject()).isEqualTo("u-1");
        assertThat(fetches.get()).isEqualTo(1);
    }

    @Test
    void before_any_key_set_was_fetched_an_unreachable_auth_service_is_an_outage_not_a_bad_token() {
        failing.set(true);
        JwtDecoder decoder = SagaSecurityAutoConfiguration.decoder(settings(Duration.ofSeconds(30)));
        String token = token(published, "key-1");

        // the first tries fetch and fail, the next ones meet the rate limit: none may call the token bad
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> decoder.decode(token))
                    .isInstanceOf(JwtException.class)
                    .isNotInstanceOf(BadJwtException.class);
        }
        assertThat(failedFetches.get()).isBetween(1, 2);
    }

    private SecuritySettings settings(Duration minRefresh) {
        return settings(Duration.ofMinutes(5), minRefresh);
    }

    private SecuritySettings settings(Duration cacheTtl, Duration minRefresh) {
        return new SecuritySettings(
                jwksUri,
                ISSUER,
                List.of(),
                new SecuritySettings.Jwks(cacheTtl, minRefresh, Duration.ofSeconds(2), Duration.ofHours(1)));
    }

    private static String token(KeyPair keys, String kid) {
        Instant now = Instant.now();
        return Jwts.builder()
                .header()
                .keyId(kid)
                .and()
                .subject("u-1")
                .issuer(ISSUER)
                .issuedAt(Date.from(now))
                .expiration(Date.from(now.plusSeconds(300)))
                .claim(JwtClaims.ROLES, List.of("CUSTOMER"))
                .signWith(keys.getPrivate(), Jwts.SIG.RS256)
                .compact();
    }

    private static String jwk(RSAPublicKey key, String kid) {
        return "{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\"" + kid + "\",\"n\":\""
                + b64(key.getModulus()) + "\",\"e\":\"" + b64(key.getPublicExponent()) + "\"}";
    }

    private static String b64(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
