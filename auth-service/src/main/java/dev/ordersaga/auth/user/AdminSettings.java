package dev.ordersaga.auth.user;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The bootstrap admin account. Blank username or password: no bootstrap admin. The configured
 * password is the admin's password: it is set at the first start and reset at every start where
 * it changed, so rotating the secret and restarting is how an operator changes it (or regains
 * access).
 */
@ConfigurationProperties("auth.admin")
public record AdminSettings(String username, String password) {

    @Override
    public String toString() {
        return "AdminSettings[username=" + username + "]";
    }
}
