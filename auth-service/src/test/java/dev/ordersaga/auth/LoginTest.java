package dev.ordersaga.auth;

import static dev.ordersaga.auth.AuthApi.read;
import static dev.ordersaga.auth.AuthApi.uniqueUsername;
import static dev.ordersaga.testsupport.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.testsupport.Untraced;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import tools.jackson.databind.JsonNode;

@ExtendWith(OutputCaptureExtension.class)
class LoginTest extends AuthServiceTest {

    @Test
    void a_login_gives_a_bearer_token_that_verifies_against_the_served_jwks_and_opens_me() {
        String username = uniqueUsername("login");
        JsonNode user = api.registered(username, "password123");

        HttpResponse<String> response = api.login(username, "password123");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = read(response);
        assertThat(body.get("token_type").asString()).isEqualTo("Bearer");
        Instant expiresAt = Instant.parse(body.get("expires_at").asString());
        assertThat(expiresAt)
                .isBetween(
                        Instant.now().plus(Duration.ofMinutes(59)),
                        Instant.now().plus(Duration.ofMinutes(61)));
        String token = body.get("token").asString();

        // Verify exactly as another service does: fetch the JWKS over HTTP.
        NimbusJwtDecoder verifier = NimbusJwtDecoder.withJwkSetUri(api.url("/.well-known/jwks.json"))
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .build();
        verifier.setJwtValidator(JwtValidators.createDefaultWithIssuer("ordersaga-auth"));
        Jwt jwt = verifier.decode(token);
        assertThat(jwt.getSubject()).isEqualTo(user.get("id").asString());
        assertThat(jwt.getClaimAsString("preferred_username")).isEqualTo(username);
        assertThat(jwt.getClaimAsStringList("roles")).containsExactly("CUSTOMER");
        assertThat(jwt.getClaimAsString("customer_id"))
                .isEqualTo(user.get("customer_id").asString());
        assertThat(jwt.getExpiresAt()).isEqualTo(expiresAt);
        String jwksKid = read(api.get("/.well-known/jwks.json"))
                .get("keys")
                .get(0)
                .get("kid")
                .asString();
        assertThat(jwt.getHeaders()).containsEntry("kid", jwksKid);

        HttpResponse<String> me = api.me(token);
        assertThat(me.statusCode()).isEqualTo(200);
        JsonNode profile = read(me);
        assertThat(profile.get("id").asString()).isEqualTo(user.get("id").asString());
        assertThat(profile.get("username").asString()).isEqualTo(username);
        assertThat(profile.get("email").asString()).isEqualTo(username + "@example.com");
        assertThat(profile.get("name").asString()).isEqualTo("Name of " + username);
        assertThat(profile.get("roles").toString()).isEqualTo("[\"CUSTOMER\"]");
        assertThat(profile.get("customer_id").asString())
                .isEqualTo(user.get("customer_id").asString());
        assertThat(me.body()).doesNotContain("$2a$").doesNotContain("password");
    }

    @Test
    void the_username_is_not_case_sensitive_at_login() {
        String username = uniqueUsername("Case");
        api.registered(username, "password123");

        assertThat(api.login(username.toLowerCase(), "password123").statusCode())
                .isEqualTo(200);
    }

    @Test
    void a_wrong_password_and_an_unknown_user_get_the_identical_401() {
        String username = uniqueUsername("enum");
        api.registered(username, "password123");

        HttpResponse<String> wrongPassword = api.login(username, "password124");
        HttpResponse<String> unknownUser = api.login(uniqueUsername("nobody"), "password123");
        HttpResponse<String> overlong = api.login(username, "x".repeat(100));

        assertProblem(wrongPassword, 401, "INVALID_CREDENTIALS");
        assertThat(unknownUser.statusCode()).isEqualTo(401);
        // identical but for the trace id, which names each request's own trace
        assertThat(Untraced.body(unknownUser.body())).isEqualTo(Untraced.body(wrongPassword.body()));
        assertThat(Untraced.body(overlong.body())).isEqualTo(Untraced.body(wrongPassword.body()));
    }

    /**
     * The buckets refill smoothly (10 a minute = one every 6 s), so a slow machine may earn an
     * extra attempt while the loop runs: the test asserts the first ten pass and a 429 comes soon
     * after, rather than on exactly the eleventh.
     */
    @Test
    void ten_wrong_passwords_from_one_address_refuse_that_address_and_the_owner_elsewhere_still_logs_in() {
        String username = uniqueUsername("limit");
        api.registered(username, "password123");
        String attacker = AuthApi.freshAddress();
        for (int i = 0; i < 10; i++) {
            assertThat(api.login(username, "wrong-password", attacker).statusCode())
                    .isEqualTo(401);
        }

        HttpResponse<String> limited = firstRefused(() -> api.login(username, "password123", attacker), 5);
        HttpResponse<String> owner = api.login(username, "password123", AuthApi.freshAddress());

        assertThat(read(limited).get("code").asString()).isEqualTo("TOO_MANY_ATTEMPTS");
        assertThat(limited.headers().firstValue("Retry-After"))
                .hasValueSatisfying(
                        seconds -> assertThat(Long.parseLong(seconds)).isBetween(1L, 6L));
        assertThat(limited.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(read(limited).get("retry_after_seconds").asLong())
                .isEqualTo(Long.parseLong(
                        limited.headers().firstValue("Retry-After").orElseThrow()));
        assertThat(owner.statusCode()).as(owner.body()).isEqualTo(200);
    }

    @Test
    void a_botnet_guessing_one_password_does_not_lock_the_owner_out() {
        String username = uniqueUsername("botnet");
        api.registered(username, "password123");
        for (int i = 0; i < 12; i++) {
            assertThat(api.login(username, "guess-" + i, AuthApi.freshAddress()).statusCode())
                    .isEqualTo(401);
        }

        // past the username's budget every attempt is slowed down, the owner's too, but answered
        assertThat(api.login(username, "password123", AuthApi.freshAddress()).statusCode())
                .isEqualTo(200);
    }

    @Test
    void after_thirty_attempts_a_minute_from_one_address_a_429_comes_and_other_addresses_are_not_affected() {
        String address = "192.168.200.7";
        for (int i = 0; i < 30; i++) {
            assertThat(api.login(uniqueUsername("spray"), "password123", address)
                            .statusCode())
                    .isEqualTo(401);
        }

        // 30 a minute refills one every 2 s: a few more may pass on a slow machine, never many.
        HttpResponse<String> limited =
                firstRefused(() -> api.login(uniqueUsername("spray"), "password123", address), 15);

        assertThat(read(limited).get("code").asString()).isEqualTo("TOO_MANY_ATTEMPTS");
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
        assertThat(api.login(uniqueUsername("spray"), "password123", AuthApi.freshAddress())
                        .statusCode())
                .isEqualTo(401);
    }

    private static HttpResponse<String> firstRefused(Supplier<HttpResponse<String>> attempt, int within) {
        for (int i = 0; i < within; i++) {
            HttpResponse<String> response = attempt.get();
            if (response.statusCode() == 429) {
                return response;
            }
            assertThat(response.statusCode()).isIn(200, 401);
        }
        throw new AssertionError("no 429 within " + within + " attempts past the limit");
    }

    @Test
    void a_login_without_a_password_is_400_listing_it() {
        HttpResponse<String> response = api.loginRaw("{\"username\": \"klea\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(read(response).get("errors").findValuesAsString("field")).containsExactly("password");
    }

    @Test
    void a_query_operator_as_username_at_login_is_400() {
        HttpResponse<String> response = api.loginRaw("{\"username\": {\"$ne\": null}, \"password\": \"password123\"}");

        assertProblem(response, 400, "MALFORMED_REQUEST");
    }

    @Test
    void passwords_and_hashes_never_reach_the_log(CapturedOutput output) {
        String username = uniqueUsername("quiet");
        String password = "Unmistakable-Pa55word";
        api.registered(username, password);
        api.token(username, password);
        api.login(username, password + "-wrong");
        api.register(AuthApi.registration(username, password)); // 409
        api.register(AuthApi.registration(uniqueUsername("q"), "short")); // 400

        assertThat(output.getAll()).doesNotContain(password).doesNotContain("$2a$");
        assertThat(output.getAll()).doesNotContain(Base64.getEncoder().encodeToString(password.getBytes()));
    }
}
