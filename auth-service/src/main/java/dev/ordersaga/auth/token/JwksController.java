package dev.ordersaga.auth.token;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The public keys every service verifies tokens with (RFC 7517 JWK Set): the signing key and,
 * during a rotation, the previous ones.
 */
@RestController
@Tag(name = "keys")
class JwksController {

    static final String PATH = "/.well-known/jwks.json";

    private final Map<String, Object> jwks;

    JwksController(PublishedKeys keys) {
        this.jwks = keys.jwks();
    }

    @GetMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The public signing keys as a JWK Set")
    ResponseEntity<Map<String, Object>> jwks() {
        // Verifiers cache the set; a short max-age keeps a key rotation visible within minutes.
        return ResponseEntity.ok()
                .cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic())
                .body(jwks);
    }
}
