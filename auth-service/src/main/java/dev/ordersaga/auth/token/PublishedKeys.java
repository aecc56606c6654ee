package dev.ordersaga.auth.token;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The keys tokens are verified with: the signing key first, then the previous keys of a rotation,
 * each under its own {@code kid}. A token signed by any of them verifies (its {@code kid} picks the
 * key); only the first signs new tokens.
 */
public record PublishedKeys(SigningKey signing, List<SigningKey> previous) {

    public PublishedKeys {
        previous = previous.stream()
                .filter(key -> !key.keyId().equals(signing.keyId()))
                .toList();
    }

    public List<SigningKey> all() {
        List<SigningKey> all = new ArrayList<>();
        all.add(signing);
        all.addAll(previous);
        return all;
    }

    /** The public halves as an RFC 7517 JWK Set, as served at {@code /.well-known/jwks.json}. */
    public Map<String, Object> jwks() {
        Map<String, Object> jwks = new LinkedHashMap<>();
        jwks.put("keys", all().stream().map(SigningKey::publicJwk).toList());
        return jwks;
    }

    /** The same set for Nimbus, to verify this service's own tokens without an HTTP round trip. */
    public JWKSet jwkSet() {
        return new JWKSet(all().stream()
                .map(key -> (com.nimbusds.jose.jwk.JWK) new RSAKey.Builder(key.publicKey())
                        .keyID(key.keyId())
                        .keyUse(KeyUse.SIGNATURE)
                        .algorithm(JWSAlgorithm.RS256)
                        .build())
                .toList());
    }
}
