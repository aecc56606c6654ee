package dev.ordersaga.auth.user;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The admin account created at start-up if it does not exist yet. Blank username or password:
 * no bootstrap admin. An existing admin is left as it is (its password is not reset).
 */
@ConfigurationProperties("auth.admin")
public record AdminSettings(String username, String password) {

    @Override
    public String toString() {
        return "AdminSettings[username=" + username + "]";
    }
}
