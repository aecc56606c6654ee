package dev.ordersaga.support;

import dev.ordersaga.support.security.Caller;
import dev.ordersaga.support.web.ApiException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.util.Map;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** A minimal service built only from the plumbing, to test it as a service would use it. */
@SpringBootApplication
public class SupportTestApplication {

    record Thing(
            @NotBlank String displayName,
            @Min(1) int quantity,
            @Pattern(regexp = "[0-9a-f]{24}") String customerId) {}

    @RestController
    static class TestController {

        @GetMapping("/test/me")
        Map<String, Object> me() {
            Caller caller = Caller.current();
            return Map.of("user_id", caller.userId(), "roles", caller.roles(), "admin", caller.isAdmin());
        }

        @GetMapping("/test/admin")
        @PreAuthorize("hasRole('ADMIN')")
        Map<String, Object> admin() {
            return Map.of("ok", true);
        }

        @PostMapping("/test/things")
        Thing create(@Valid @RequestBody Thing thing) {
            return thing;
        }

        @GetMapping("/test/things/{id}")
        Thing find(@PathVariable String id) {
            throw ApiException.notFound("THING_NOT_FOUND", "No thing " + id + ".")
                    .with("thing_id", id);
        }

        @GetMapping("/test/boom")
        Thing boom() {
            throw new IllegalStateException("secret internals: connection string mongodb://user:pw@db");
        }
    }
}
