package dev.ordersaga.support.security;

/** Claim names of the tokens auth-service issues (besides the registered ones: sub, iss, iat, exp). */
public final class JwtClaims {

    public static final String USERNAME = "preferred_username";
    public static final String ROLES = "roles";
    public static final String CUSTOMER_ID = "customer_id";

    private JwtClaims() {}
}
