package dev.ordersaga.auth.user;

/** A request that sets a password for a username, checked against the {@link PasswordPolicy}. */
public interface Credentials {

    String username();

    String password();
}
