package dev.ordersaga.auth.user;

import dev.ordersaga.support.security.Caller;
import dev.ordersaga.support.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "users")
class UserController {

    private final UserService users;
    private final RegistrationLimiter limiter;

    UserController(UserService users, RegistrationLimiter limiter) {
        this.users = users;
        this.limiter = limiter;
    }

    /** The client address as for login: X-Forwarded-For only from a trusted proxy (the gateway). */
    @PostMapping("/api/auth/register")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Register a customer account (public, rate limited per address); publishes UserRegistered")
    UserView register(@Valid @RequestBody RegisterRequest request, HttpServletRequest http) {
        limiter.acquire(http.getRemoteAddr());
        return UserView.of(users.register(request));
    }

    @GetMapping("/api/auth/me")
    @Operation(summary = "The caller's account", security = @SecurityRequirement(name = "bearer"))
    UserView me() {
        return users.find(Caller.current().userId())
                .map(UserView::of)
                .orElseThrow(
                        () -> ApiException.notFound("USER_NOT_FOUND", "The account of this token does not exist."));
    }

    @PostMapping("/api/auth/users")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(
            summary = "Create an account with given roles and customer id (ADMIN)",
            security = @SecurityRequirement(name = "bearer"))
    UserView create(@Valid @RequestBody CreateUserRequest request) {
        return UserView.of(users.create(request));
    }
}
