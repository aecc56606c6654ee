package dev.ordersaga.auth.domain;

/** What a user may do; carried in the token's {@code roles} claim. */
public enum Role {
    CUSTOMER,
    ADMIN
}
