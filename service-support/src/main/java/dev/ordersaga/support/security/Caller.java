package dev.ordersaga.support.security;

import java.util.List;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Who is calling, read from a verified token: user id ({@code sub}), username, roles and the
 * customer record linked to the user.
 */
public record Caller(String userId, String username, Set<String> roles, String customerId) {

    public static final String ADMIN = "ADMIN";
    public static final String CUSTOMER = "CUSTOMER";

    public static Caller from(Jwt jwt) {
        List<String> roles = jwt.getClaimAsStringList(JwtClaims.ROLES);
        return new Caller(
                jwt.getSubject(),
                jwt.getClaimAsString(JwtClaims.USERNAME),
                roles == null ? Set.of() : Set.copyOf(roles),
                jwt.getClaimAsString(JwtClaims.CUSTOMER_ID));
    }

    /** The caller of the current request; fails if the request is not authenticated with a token. */
    public static Caller current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof JwtAuthenticationToken token) {
            return from(token.getToken());
        }
        throw new org.springframework.security.authentication.AuthenticationCredentialsNotFoundException(
                "no token on this request");
    }

    public boolean isAdmin() {
        return roles.contains(ADMIN);
    }

    /** An admin acts for every customer; anyone else only for the customer linked to them. */
    public boolean mayActFor(String customerId) {
        return isAdmin() || (this.customerId != null && this.customerId.equals(customerId));
    }
}
