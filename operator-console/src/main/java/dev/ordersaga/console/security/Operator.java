package dev.ordersaga.console.security;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * Who is signed in: the shop account, the token auth-service issued for it (the console calls the
 * services with it, so each service checks the operator's role itself) and when that token expires.
 */
public record Operator(String username, String token, Instant expiresAt, List<String> roles) implements Serializable {

    public Operator {
        roles = List.copyOf(roles);
    }

    public boolean expired(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    @Override
    public String toString() {
        return "Operator[" + username + " " + roles + "]";
    }
}
