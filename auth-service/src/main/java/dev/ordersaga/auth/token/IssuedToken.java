package dev.ordersaga.auth.token;

import java.time.Instant;

/** A signed token and the moment it stops being valid. */
public record IssuedToken(String token, Instant expiresAt) {

    @Override
    public String toString() {
        return "IssuedToken[expiresAt=" + expiresAt + "]";
    }
}
