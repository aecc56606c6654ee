package dev.ordersaga.auth.user;

import dev.ordersaga.auth.domain.Role;
import dev.ordersaga.auth.domain.User;
import java.time.Instant;
import java.util.List;

/** A user as the API shows it: never the password hash. */
public record UserView(
        String id, String username, String email, String name, List<Role> roles, String customerId, Instant createdAt) {

    public static UserView of(User user) {
        return new UserView(
                user.id(),
                user.username(),
                user.email(),
                user.name(),
                user.roles().stream().sorted().toList(),
                user.customerId(),
                user.createdAt());
    }
}
