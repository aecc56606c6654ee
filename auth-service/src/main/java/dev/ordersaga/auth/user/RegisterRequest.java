package dev.ordersaga.auth.user;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A self-registration: always a CUSTOMER with a new customer record. */
@AcceptablePassword
public record RegisterRequest(
        @NotBlank @Pattern(regexp = UserRules.USERNAME, message = UserRules.USERNAME_MESSAGE)
        String username,

        @NotBlank String password,

        @NotBlank @Size(max = UserRules.EMAIL_MAX) @Email(regexp = UserRules.EMAIL, message = UserRules.EMAIL_MESSAGE)
        String email,

        @NotBlank @Size(max = UserRules.NAME_MAX) String name)
        implements Credentials {

    /** The password never reaches a log line through this record. */
    @Override
    public String toString() {
        return "RegisterRequest[username=" + username + "]";
    }
}
