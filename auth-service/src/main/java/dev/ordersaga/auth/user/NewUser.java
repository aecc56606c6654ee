package dev.ordersaga.auth.user;

import dev.ordersaga.auth.domain.Role;
import java.util.Set;

/** What an account is created from, whoever asks (self-registration, an admin, the bootstrap). */
record NewUser(String username, String password, String email, String name, Set<Role> roles, String customerId) {

    @Override
    public String toString() {
        return "NewUser[username=" + username + ", roles=" + roles + "]";
    }
}
