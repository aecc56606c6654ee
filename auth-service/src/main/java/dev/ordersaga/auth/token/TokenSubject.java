package dev.ordersaga.auth.token;

import java.util.List;

/** Who a token is issued to: the claims that identify the caller to every service. */
public record TokenSubject(String userId, String username, List<String> roles, String customerId) {

    public TokenSubject {
        roles = List.copyOf(roles);
    }
}
