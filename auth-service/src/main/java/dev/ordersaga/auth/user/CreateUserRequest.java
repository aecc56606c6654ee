package dev.ordersaga.auth.user;

import dev.ordersaga.auth.domain.Role;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Set;

/**
 * An account created by an admin (the seeder): roles default to CUSTOMER; the customer id may be
 * given (24-hex, the ObjectId form) to link an existing customer record, else a new one is made.
 */
@AcceptablePassword
public record CreateUserRequest(
        @NotBlank @Pattern(regexp = UserRules.USERNAME, message = UserRules.USERNAME_MESSAGE)
        String username,

        @NotBlank String password,

        @NotBlank @Size(max = UserRules.EMAIL_MAX) @Email(regexp = UserRules.EMAIL, message = UserRules.EMAIL_MESSAGE)
        String email,

        @NotBlank @Size(max = UserRules.NAME_MAX) String name,
        Set<@NotNull Role> roles,

        @Pattern(regexp = UserRules.OBJECT_ID, message = UserRules.OBJECT_ID_MESSAGE)
        String customerId)
        implements Credentials {

    public Set<Role> rolesOrDefault() {
        return roles == null || roles.isEmpty() ? Set.of(Role.CUSTOMER) : roles;
    }

    @Override
    public String toString() {
        return "CreateUserRequest[username=" + username + ", roles=" + roles + "]";
    }
}
