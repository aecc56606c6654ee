package dev.ordersaga.auth.login;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Credentials; bounded so nobody makes the service hash megabytes. */
public record LoginRequest(
        @NotBlank @Size(max = 254) String username,
        @NotBlank @Size(max = 1024) String password) {

    @Override
    public String toString() {
        return "LoginRequest[username=" + username + "]";
    }
}
