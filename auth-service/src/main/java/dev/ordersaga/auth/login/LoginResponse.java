package dev.ordersaga.auth.login;

import java.time.Instant;

/** A bearer token and when it expires ({@code expires_in} in seconds, as OAuth 2 clients expect). */
public record LoginResponse(String token, String tokenType, Instant expiresAt, long expiresIn) {

    @Override
    public String toString() {
        return "LoginResponse[expiresAt=" + expiresAt + "]";
    }
}
