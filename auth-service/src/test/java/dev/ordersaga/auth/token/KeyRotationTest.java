package dev.ordersaga.auth.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * A rotation: the new key signs, the old one is still published and accepted, so tokens of both
 * verify until the old ones expire; after that the old key is dropped and its tokens are refused.
 */
class KeyRotationTest {

    private static final String ISSUER = "ordersaga-auth";
    private static final TokenSubject KLEA =
            new TokenSubject("u-1", "klea", List.of("CUSTOMER"), "6849dd2562e5fa1c135a04fb");

    @Test
    void tokens_of_the_old_and_the_new_key_both_verify_while_both_are_published(@TempDir Path dir) throws Exception {
        SigningKey old = new JwtKeyStore(dir.resolve("old.pem")).loadOrCreate();
        String oldToken = issuer(old).issue(KLEA).token();
        // the operator's rotation: the old file becomes a previous key, a new signing key is made
        Files.move(dir.resolve("old.pem"), dir.resolve("previous.pem"));
        SigningKey next = new JwtKeyStore(dir.resolve("old.pem")).loadOrCreate();
        PublishedKeys keys = new PublishedKeys(next, List.of(new JwtKeyStore(dir.resolve("previous.pem")).load()));
        NimbusJwtDecoder decoder = TokenConfig.decoder(keys, ISSUER);

        String newToken = issuer(keys.signing()).issue(KLEA).token();

        assertThat(decoder.decode(oldToken).getSubject()).isEqualTo("u-1");
        assertThat(decoder.decode(newToken).getSubject()).isEqualTo("u-1");
        assertThat(decoder.decode(newToken).getHeaders()).containsEntry("kid", next.keyId());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> served =
                (List<Map<String, Object>>) keys.jwks().get("keys");
        assertThat(served).extracting(jwk -> jwk.get("kid")).containsExactly(next.keyId(), old.keyId());
    }

    @Test
    void once_the_old_key_is_dropped_its_tokens_are_refused() {
        SigningKey old = JwtKeyStore.generate();
        SigningKey next = JwtKeyStore.generate();
        String oldToken = issuer(old).issue(KLEA).token();

        NimbusJwtDecoder decoder = TokenConfig.decoder(new PublishedKeys(next, List.of()), ISSUER);

        assertThatThrownBy(() -> decoder.decode(oldToken)).isInstanceOf(JwtException.class);
    }

    @Test
    void the_signing_key_listed_again_as_previous_is_published_once() {
        SigningKey key = JwtKeyStore.generate();

        assertThat(new PublishedKeys(key, List.of(key)).all()).containsExactly(key);
    }

    private static TokenIssuer issuer(SigningKey key) {
        return new TokenIssuer(key, ISSUER, Duration.ofHours(1), Clock.systemUTC());
    }
}
