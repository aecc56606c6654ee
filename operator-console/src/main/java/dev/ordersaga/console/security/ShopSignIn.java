package dev.ordersaga.console.security;

import dev.ordersaga.console.config.ConsoleSettings;
import dev.ordersaga.support.security.JwtClaims;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Sign-in with the shop's own accounts: the console asks auth-service for a token with the
 * operator's username and password, and verifies that token against auth-service's public keys
 * (the same decoder every service uses) before it trusts the roles in it. The console keeps no
 * passwords and no users of its own.
 */
@Component
class ShopSignIn implements AuthenticationProvider {

    private final RestClient auth;
    private final JwtDecoder tokens;

    ShopSignIn(RestClient.Builder http, ConsoleSettings settings, JwtDecoder tokens) {
        this.auth = http.clone().baseUrl(settings.authUrl()).build();
        this.tokens = tokens;
    }

    record LoginAnswer(String token, Instant expiresAt) {}

    @Override
    public Authentication authenticate(Authentication request) throws AuthenticationException {
        String username = request.getName();
        String password = String.valueOf(request.getCredentials());
        LoginAnswer answer;
        try {
            answer = auth.post()
                    .uri("/api/auth/login")
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("username", username, "password", password))
                    .retrieve()
                    .onStatus(HttpStatusCode::is4xxClientError, (req, res) -> {
                        if (res.getStatusCode().value() == 429) {
                            throw new LockedException("Too many sign-in attempts; wait a minute and try again.");
                        }
                        throw new BadCredentialsException("Wrong username or password.");
                    })
                    .body(LoginAnswer.class);
        } catch (RestClientException e) {
            throw new AuthenticationServiceException("auth-service cannot be reached: sign-in is not possible now.", e);
        }
        if (answer == null || answer.token() == null) {
            throw new AuthenticationServiceException("auth-service answered without a token.");
        }
        Jwt jwt;
        try {
            jwt = tokens.decode(answer.token());
        } catch (JwtException e) {
            throw new BadCredentialsException("The token auth-service issued does not verify.", e);
        }
        List<String> roles = jwt.hasClaim(JwtClaims.ROLES) ? jwt.getClaimAsStringList(JwtClaims.ROLES) : List.of();
        Operator operator = new Operator(username, answer.token(), jwt.getExpiresAt(), roles);
        return UsernamePasswordAuthenticationToken.authenticated(
                operator,
                null,
                roles.stream()
                        .map(role -> new SimpleGrantedAuthority("ROLE_" + role))
                        .toList());
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
