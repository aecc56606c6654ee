package dev.ordersaga.auth.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.RSAKey;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JwtKeyStoreTest {

    @TempDir
    Path dir;

    @Test
    void the_first_start_generates_a_2048_bit_key_in_a_pkcs8_pem_file_only_the_owner_can_read() throws Exception {
        Path file = dir.resolve("nested/auth/jwt-signing-key.pem");

        SigningKey key = new JwtKeyStore(file).loadOrCreate();

        assertThat(file).exists();
        assertThat(Files.readString(file))
                .startsWith("-----BEGIN PRIVATE KEY-----\n")
                .endsWith("-----END PRIVATE KEY-----\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(key.publicKey().getModulus().bitLength()).isEqualTo(2048);
        try (var leftovers = Files.list(file.getParent())) {
            assertThat(leftovers).containsExactly(file);
        }
    }

    @Test
    void a_restart_loads_the_same_key_with_the_same_kid() {
        Path file = dir.resolve("jwt-signing-key.pem");
        SigningKey first = new JwtKeyStore(file).loadOrCreate();

        SigningKey reloaded = new JwtKeyStore(file).loadOrCreate();

        assertThat(reloaded.keyId()).isEqualTo(first.keyId());
        assertThat(reloaded.publicKey()).isEqualTo(first.publicKey());
        assertThat(reloaded.privateKey().getEncoded())
                .isEqualTo(first.privateKey().getEncoded());
    }

    @Test
    void a_token_issued_before_a_restart_verifies_after_it() {
        Path file = dir.resolve("jwt-signing-key.pem");
        String token = new TokenIssuer(
                        new JwtKeyStore(file).loadOrCreate(), "iss", Duration.ofMinutes(5), Clock.systemUTC())
                .issue(new TokenSubject("u1", "klea", List.of("CUSTOMER"), null))
                .token();

        SigningKey afterRestart = new JwtKeyStore(file).load();

        assertThat(TokenConfig.decoder(afterRestart.publicKey(), "iss")
                        .decode(token)
                        .getSubject())
                .isEqualTo("u1");
    }

    @Test
    void instances_starting_together_on_one_volume_end_up_with_one_key() throws Exception {
        Path file = dir.resolve("shared/jwt-signing-key.pem");
        int instances = 4;
        var barrier = new CyclicBarrier(instances);
        try (var pool = Executors.newFixedThreadPool(instances)) {
            List<Future<String>> kids = new java.util.ArrayList<>();
            for (int i = 0; i < instances; i++) {
                kids.add(pool.submit(() -> {
                    barrier.await();
                    return new JwtKeyStore(file).loadOrCreate().keyId();
                }));
            }
            List<String> seen = new java.util.ArrayList<>();
            for (Future<String> kid : kids) {
                seen.add(kid.get());
            }
            String onDisk = new JwtKeyStore(file).load().keyId();
            assertThat(seen).containsOnly(onDisk);
        }
    }

    @Test
    void the_kid_is_the_rfc_7638_thumbprint() throws Exception {
        // The example key and thumbprint of RFC 7638 §3.1.
        String n =
                "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw";
        var key = (RSAPublicKey) KeyFactory.getInstance("RSA")
                .generatePublic(new RSAPublicKeySpec(
                        new BigInteger(1, Base64.getUrlDecoder().decode(n)), BigInteger.valueOf(65537)));

        assertThat(SigningKey.thumbprint(key)).isEqualTo("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
    }

    @Test
    void the_kid_and_the_jwk_agree_with_nimbus() throws Exception {
        SigningKey key = JwtKeyStore.generate();
        RSAKey nimbus = RSAKey.parse(key.publicJwk());

        assertThat(key.keyId()).isEqualTo(nimbus.computeThumbprint().toString());
        assertThat(nimbus.toRSAPublicKey()).isEqualTo(key.publicKey());
        assertThat(nimbus.isPrivate()).isFalse();
        assertThat(key.publicJwk()).containsEntry("alg", "RS256").containsEntry("use", "sig");
        assertThat(key.toString()).doesNotContain(key.privateKey().toString());
    }

    @Test
    void a_damaged_key_file_stops_the_start_instead_of_silently_replacing_the_key() throws Exception {
        Path file = dir.resolve("jwt-signing-key.pem");
        Files.writeString(file, "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n");

        assertThatThrownBy(() -> new JwtKeyStore(file).loadOrCreate()).isInstanceOf(IllegalStateException.class);
        assertThat(Files.readString(file)).contains("bm90IGEga2V5");
    }

    @Test
    void a_file_that_is_no_pem_at_all_is_refused() throws Exception {
        Path file = dir.resolve("jwt-signing-key.pem");
        Files.writeString(file, "hello");

        assertThatThrownBy(() -> new JwtKeyStore(file).load())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("PKCS#8");
    }
}
