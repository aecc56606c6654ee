package dev.ordersaga.auth.token;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The RSA key pair tokens are signed with, and its key id: the RFC 7638 thumbprint of the public
 * key, so the same key always has the same {@code kid}, whichever instance loaded it.
 */
public record SigningKey(RSAPublicKey publicKey, RSAPrivateKey privateKey, String keyId) {

    public static final String ALGORITHM = "RS256";

    public static SigningKey of(RSAPublicKey publicKey, RSAPrivateKey privateKey) {
        return new SigningKey(publicKey, privateKey, thumbprint(publicKey));
    }

    /** The public half as a JSON Web Key (RFC 7517), as served in the JWKS. */
    public Map<String, Object> publicJwk() {
        Map<String, Object> jwk = new LinkedHashMap<>();
        jwk.put("kty", "RSA");
        jwk.put("use", "sig");
        jwk.put("alg", ALGORITHM);
        jwk.put("kid", keyId);
        jwk.put("n", base64Url(publicKey.getModulus()));
        jwk.put("e", base64Url(publicKey.getPublicExponent()));
        return jwk;
    }

    /**
     * RFC 7638: SHA-256 over the required members of the JWK in lexicographic order, no
     * whitespace, base64url without padding.
     */
    static String thumbprint(RSAPublicKey key) {
        String canonical = "{\"e\":\"" + base64Url(key.getPublicExponent()) + "\",\"kty\":\"RSA\",\"n\":\""
                + base64Url(key.getModulus()) + "\"}";
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Base64url of the unsigned big-endian bytes (RFC 7518 §6.3.1: no leading zero octet). */
    static String base64Url(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Never print the private key, not even by accident in a log line. */
    @Override
    public String toString() {
        return "SigningKey[kid=" + keyId + "]";
    }
}
