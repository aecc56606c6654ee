package dev.ordersaga.auth.login;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "login")
class LoginController {

    private final LoginService logins;

    LoginController(LoginService logins) {
        this.logins = logins;
    }

    /**
     * The client address is the request's remote address; behind the gateway that is the address
     * the gateway forwarded in {@code X-Forwarded-For}, which Tomcat only honours from a trusted
     * internal proxy (server.forward-headers-strategy: native).
     */
    @PostMapping("/api/auth/login")
    @Operation(summary = "Exchange username and password for a bearer token (rate limited)")
    LoginResponse login(@Valid @RequestBody LoginRequest request, HttpServletRequest http) {
        return logins.login(request, http.getRemoteAddr());
    }
}
