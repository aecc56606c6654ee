package dev.ordersaga.auth.token;

import static dev.ordersaga.auth.AuthApi.read;
import static dev.ordersaga.auth.AuthApi.uniqueUsername;
import static dev.ordersaga.testsupport.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.auth.AuthApi;
import dev.ordersaga.auth.AuthServiceTest;
import dev.ordersaga.testsupport.TestJwks;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** auth-service trusts only tokens signed with its own key, with its issuer, not expired. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokenTrustTest extends AuthServiceTest {

    @Autowired
    SigningKey signingKey;

    @Autowired
    JwtSettings jwtSettings;

    @Test
    void the_jwks_serves_the_public_key_with_kid_alg_and_use_and_nothing_private() {
        HttpResponse<String> response = api.get("/.well-known/jwks.json");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        JsonNode keys = read(response).get("keys");
        assertThat(keys.size()).isEqualTo(1);
        JsonNode key = keys.get(0);
        assertThat(key.get("kty").asString()).isEqualTo("RSA");
        assertThat(key.get("alg").asString()).isEqualTo("RS256");
        assertThat(key.get("use").asString()).isEqualTo("sig");
        assertThat(key.get("kid").asString()).isEqualTo(signingKey.keyId());
        assertThat(key.get("n").asString())
                .isEqualTo(SigningKey.base64Url(signingKey.publicKey().getModulus()));
        assertThat(key.get("e").asString()).isEqualTo("AQAB");
        for (String privatePart : List.of("d", "p", "q", "dp", "dq", "qi")) {
            assertThat(key.has(privatePart)).as(privatePart).isFalse();
        }
    }

    @Test
    void me_without_a_token_is_401_as_a_problem_detail() {
        HttpResponse<String> response = api.me(null);

        assertProblem(response, 401, "UNAUTHORIZED");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.ordersaga.testsupport.TestJwks#badTokenCases")
    void every_bad_token_of_the_test_kit_is_401(String why, String token) {
        assertRefused(why, token);
    }

    @Test
    void a_well_formed_token_signed_by_another_key_is_not_trusted() {
        assertThat(api.me(TestJwks.get().customerToken("u-1", "6849dd2562e5fa1c135a04fb"))
                        .statusCode())
                .isEqualTo(401);
        assertThat(api.me(TestJwks.get().adminToken()).statusCode()).isEqualTo(401);
    }

    /** Bad tokens made with auth-service's own key, so only the claim or algorithm is wrong. */
    Stream<Arguments> ownKeyBadTokens() {
        // Runs before @BeforeEach (PER_CLASS lifecycle, fields already injected by Spring).
        String userId = new AuthApi(port)
                .registered(uniqueUsername("victim"), "password123")
                .get("id")
                .asString();
        Instant now = Instant.now();
        TokenSubject subject = new TokenSubject(userId, "victim", List.of("CUSTOMER"), null);
        String good = new TokenIssuer(signingKey, "ordersaga-auth", Duration.ofHours(1), Clock.systemUTC())
                .issue(subject)
                .token();
        String[] parts = good.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        return Stream.of(
                Arguments.of(
                        "expired",
                        new TokenIssuer(
                                        signingKey,
                                        "ordersaga-auth",
                                        Duration.ofHours(1),
                                        Clock.fixed(now.minus(Duration.ofHours(2)), ZoneOffset.UTC))
                                .issue(subject)
                                .token()),
                Arguments.of(
                        "wrong issuer",
                        new TokenIssuer(signingKey, "someone-else", Duration.ofHours(1), Clock.systemUTC())
                                .issue(subject)
                                .token()),
                Arguments.of(
                        "alg none",
                        b64("{\"alg\":\"none\",\"kid\":\"" + signingKey.keyId() + "\"}") + "." + parts[1] + "."),
                Arguments.of(
                        "HS256 signed with the public key",
                        Jwts.builder()
                                .header()
                                .keyId(signingKey.keyId())
                                .and()
                                .subject(userId)
                                .issuer("ordersaga-auth")
                                .expiration(Date.from(now.plusSeconds(3600)))
                                .claim("roles", List.of("ADMIN"))
                                .signWith(
                                        Keys.hmacShaKeyFor(Arrays.copyOf(
                                                signingKey.publicKey().getEncoded(), 294)),
                                        Jwts.SIG.HS256)
                                .compact()),
                Arguments.of(
                        "tampered payload",
                        parts[0] + "." + b64(payload.replace("\"CUSTOMER\"", "\"ADMIN\"")) + "." + parts[2]));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ownKeyBadTokens")
    void a_token_made_with_its_own_key_is_refused_when(String why, String token) {
        assertRefused(why, token);
    }

    /** {@code /api/auth/me} refuses the token: 401 as a problem detail. */
    private void assertRefused(String why, String token) {
        HttpResponse<String> response = api.me(token);

        assertThat(response.statusCode()).as(why).isEqualTo(401);
        assertThat(read(response).get("code").asString()).isEqualTo("UNAUTHORIZED");
    }

    @Test
    void a_token_from_its_own_key_for_an_existing_user_is_accepted_which_makes_the_refusals_meaningful() {
        JsonNode user = api.registered(uniqueUsername("control"), "password123");
        String token = new TokenIssuer(signingKey, "ordersaga-auth", Duration.ofHours(1), Clock.systemUTC())
                .issue(new TokenSubject(user.get("id").asString(), "control", List.of("CUSTOMER"), null))
                .token();

        assertThat(api.me(token).statusCode()).isEqualTo(200);
    }

    @Test
    void after_a_restart_the_key_file_gives_the_same_key_and_kid_and_earlier_tokens_still_verify() {
        String username = uniqueUsername("restart");
        api.registered(username, "password123");
        String token = api.token(username, "password123");

        SigningKey reloaded = new JwtKeyStore(jwtSettings.keyPath()).load();

        assertThat(reloaded.keyId()).isEqualTo(signingKey.keyId());
        assertThat(reloaded.publicKey()).isEqualTo(signingKey.publicKey());
        assertThat(TokenConfig.decoder(reloaded.publicKey(), "ordersaga-auth")
                        .decode(token)
                        .getClaimAsString("preferred_username"))
                .isEqualTo(username);
    }

    private static String b64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
