package dev.ordersaga.auth.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class TokenIssuerTest {

    private static final String ISSUER = "ordersaga-auth";
    private static final SigningKey KEY = JwtKeyStore.generate();
    private static final SigningKey OTHER_KEY = JwtKeyStore.generate();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private final TokenIssuer issuer =
            new TokenIssuer(KEY, ISSUER, Duration.ofHours(1), Clock.fixed(now.plusMillis(400), ZoneOffset.UTC));
    private final NimbusJwtDecoder decoder = TokenConfig.decoder(KEY.publicKey(), ISSUER);

    private final TokenSubject klea =
            new TokenSubject("6849dd2562e5fa1c135a0001", "klea", List.of("CUSTOMER"), "6849dd2562e5fa1c135a04fb");

    @Test
    void a_token_carries_the_callers_claims_and_verifies_with_the_public_key() {
        IssuedToken issued = issuer.issue(klea);

        Jwt jwt = decoder.decode(issued.token());

        assertThat(jwt.getSubject()).isEqualTo("6849dd2562e5fa1c135a0001");
        assertThat(jwt.getClaimAsString("preferred_username")).isEqualTo("klea");
        assertThat(jwt.getClaimAsStringList("roles")).containsExactly("CUSTOMER");
        assertThat(jwt.getClaimAsString("customer_id")).isEqualTo("6849dd2562e5fa1c135a04fb");
        assertThat(jwt.getClaimAsString("iss")).isEqualTo(ISSUER);
        assertThat(jwt.getId()).isNotBlank();
    }

    @Test
    void the_header_names_the_algorithm_and_the_key_id() {
        JsonNode header = part(issuer.issue(klea).token(), 0);

        assertThat(header.get("alg").asString()).isEqualTo("RS256");
        assertThat(header.get("kid").asString()).isEqualTo(KEY.keyId());
    }

    @Test
    void it_expires_one_ttl_after_it_was_issued_in_whole_seconds() {
        IssuedToken issued = issuer.issue(klea);
        JsonNode claims = part(issued.token(), 1);

        assertThat(claims.get("iat").asLong()).isEqualTo(now.getEpochSecond());
        assertThat(claims.get("exp").asLong())
                .isEqualTo(now.plus(Duration.ofHours(1)).getEpochSecond());
        assertThat(issued.expiresAt()).isEqualTo(now.plus(Duration.ofHours(1)));
    }

    @Test
    void a_user_without_a_customer_record_gets_no_customer_id_claim() {
        var admin = new TokenSubject("a1", "admin", List.of("ADMIN"), null);

        Jwt jwt = decoder.decode(issuer.issue(admin).token());

        assertThat(jwt.hasClaim("customer_id")).isFalse();
        assertThat(jwt.getClaimAsStringList("roles")).containsExactly("ADMIN");
    }

    @Test
    void the_lifetime_must_be_positive() {
        assertThatThrownBy(() -> new TokenIssuer(KEY, ISSUER, Duration.ZERO, Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static List<Arguments> rejected() {
        Instant now = Instant.now();
        String good = new TokenIssuer(KEY, ISSUER, Duration.ofHours(1), Clock.systemUTC())
                .issue(new TokenSubject("u1", "klea", List.of("CUSTOMER"), "6849dd2562e5fa1c135a04fb"))
                .token();
        String[] parts = good.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String tampered = parts[0] + "." + b64(payload.replace("\"CUSTOMER\"", "\"ADMIN\"")) + "." + parts[2];
        String none = b64("{\"alg\":\"none\",\"kid\":\"" + KEY.keyId() + "\"}") + "." + parts[1] + ".";
        String hsWithPublicKey = Jwts.builder()
                .header()
                .keyId(KEY.keyId())
                .and()
                .subject("u1")
                .issuer(ISSUER)
                .expiration(Date.from(now.plusSeconds(3600)))
                .claim("roles", List.of("ADMIN"))
                .signWith(Keys.hmacShaKeyFor(Arrays.copyOf(KEY.publicKey().getEncoded(), 294)), Jwts.SIG.HS256)
                .compact();
        String expired = new TokenIssuer(
                        KEY, ISSUER, Duration.ofHours(1), Clock.fixed(now.minus(Duration.ofHours(2)), ZoneOffset.UTC))
                .issue(new TokenSubject("u1", "klea", List.of("CUSTOMER"), null))
                .token();
        String wrongIssuer = new TokenIssuer(KEY, "someone-else", Duration.ofHours(1), Clock.systemUTC())
                .issue(new TokenSubject("u1", "klea", List.of("CUSTOMER"), null))
                .token();
        String otherKey = new TokenIssuer(OTHER_KEY, ISSUER, Duration.ofHours(1), Clock.systemUTC())
                .issue(new TokenSubject("u1", "klea", List.of("ADMIN"), null))
                .token();
        return List.of(
                Arguments.of("tampered payload", tampered),
                Arguments.of("alg none", none),
                Arguments.of("HS256 signed with the public key", hsWithPublicKey),
                Arguments.of("expired", expired),
                Arguments.of("wrong issuer", wrongIssuer),
                Arguments.of("signed by another key", otherKey),
                Arguments.of("garbage", "not.a.token"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejected")
    void the_verifier_refuses(String why, String token) {
        assertThatThrownBy(() -> decoder.decode(token)).as(why).isInstanceOf(JwtException.class);
    }

    private static JsonNode part(String token, int index) {
        return JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[index]));
    }

    private static String b64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
