package dev.ordersaga.auth.login;

import dev.ordersaga.auth.domain.User;
import dev.ordersaga.auth.token.IssuedToken;
import dev.ordersaga.auth.token.TokenIssuer;
import dev.ordersaga.auth.token.TokenSubject;
import dev.ordersaga.auth.user.UserService;
import dev.ordersaga.support.web.ApiException;
import dev.ordersaga.support.web.TooManyRequestsException;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Login: rate limits first (before any bcrypt work, so a flood costs no CPU), the slow-down of a
 * username under attack, then one password comparison, then a token. Wrong password and unknown
 * user are the same 401 after the same work.
 */
@Service
public class LoginService {

    static final String INVALID_CREDENTIALS = "INVALID_CREDENTIALS";

    private final UserService users;
    private final TokenIssuer issuer;
    private final LoginRateLimiter limiter;
    private final MeterRegistry meters;
    private final Clock clock;

    public LoginService(
            UserService users, TokenIssuer issuer, LoginRateLimiter limiter, MeterRegistry meters, Clock clock) {
        this.users = users;
        this.issuer = issuer;
        this.limiter = limiter;
        this.meters = meters;
        this.clock = clock;
    }

    public LoginResponse login(LoginRequest request, String clientAddress) {
        Duration slowDown;
        try {
            slowDown = limiter.acquire(User.usernameKey(request.username()), clientAddress);
        } catch (TooManyRequestsException e) {
            count("rate_limited");
            throw e;
        }
        if (!slowDown.isZero()) {
            count("slowed_down");
            hold(slowDown);
        }
        User user = users.authenticate(request.username(), request.password()).orElseThrow(() -> {
            count("invalid_credentials");
            return new ApiException(HttpStatus.UNAUTHORIZED, INVALID_CREDENTIALS, "Wrong username or password.");
        });
        IssuedToken token = issuer.issue(new TokenSubject(
                user.id(),
                user.username(),
                user.roles().stream().sorted().map(Enum::name).toList(),
                user.customerId()));
        count("success");
        long expiresIn =
                Math.max(0, Duration.between(clock.instant(), token.expiresAt()).toSeconds());
        return new LoginResponse(token.token(), "Bearer", token.expiresAt(), expiresIn);
    }

    /** A sleeping virtual thread costs no CPU; the attempt is answered, only later. */
    private static void hold(Duration slowDown) {
        try {
            Thread.sleep(slowDown);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while slowing a login down", e);
        }
    }

    private void count(String outcome) {
        meters.counter("auth.login.attempts", "outcome", outcome).increment();
    }
}
