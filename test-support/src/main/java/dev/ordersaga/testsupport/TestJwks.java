package dev.ordersaga.testsupport;

import com.sun.net.httpserver.HttpServer;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * A stand-in for auth-service in service tests: an RSA key pair whose public half is served as a
 * JWKS over HTTP on a free loopback port, and tokens signed with it, good and bad. Services verify
 * them exactly as in production, through {@code saga.security.jwks-uri}.
 */
public final class TestJwks {

    public static final String ISSUER = "ordersaga-auth";
    public static final String KEY_ID = "test-key-1";

    private static final TestJwks INSTANCE = new TestJwks();

    private final KeyPair keys;
    private final String jwksUri;

    private TestJwks() {
        try {
            keys = rsaKeyPair();
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            byte[] jwks = jwksJson((RSAPublicKey) keys.getPublic()).getBytes(StandardCharsets.UTF_8);
            server.createContext("/.well-known/jwks.json", exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, jwks.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(jwks);
                }
            });
            server.setExecutor(null);
            server.start();
            jwksUri = "http://127.0.0.1:" + server.getAddress().getPort() + "/.well-known/jwks.json";
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the test JWKS", e);
        }
    }

    /** A new RSA key pair of the size auth-service signs with (2048 bits). */
    public static KeyPair rsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no RSA", e);
        }
    }

    public static TestJwks get() {
        return INSTANCE;
    }

    public String jwksUri() {
        return jwksUri;
    }

    public KeyPair keys() {
        return keys;
    }

    /** A valid token for a customer linked to {@code customerId}. */
    public String customerToken(String userId, String customerId) {
        return token(userId, "user-" + userId, List.of("CUSTOMER"), customerId, ISSUER, Duration.ofHours(1));
    }

    /** A valid admin token. */
    public String adminToken() {
        return token("admin-user", "admin", List.of("ADMIN"), null, ISSUER, Duration.ofHours(1));
    }

    public String token(
            String userId, String username, List<String> roles, String customerId, String issuer, Duration validFor) {
        Instant now = Instant.now();
        var builder = Jwts.builder()
                .header()
                .keyId(KEY_ID)
                .and()
                .subject(userId)
                .issuer(issuer)
                .issuedAt(Date.from(now.minusSeconds(5)))
                .expiration(Date.from(now.plus(validFor)))
                .claim("preferred_username", username)
                .claim("roles", roles);
        if (customerId != null) {
            builder.claim("customer_id", customerId);
        }
        return builder.signWith(keys.getPrivate(), Jwts.SIG.RS256).compact();
    }

    /**
     * {@link #badTokens()} as the arguments (why, token) of a parameterized test: name this method
     * in its {@code MethodSource} as {@code "dev.ordersaga.testsupport.TestJwks#badTokenCases"}.
     */
    public static Stream<Arguments> badTokenCases() {
        return get().badTokens().entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    /** Tokens every service must refuse. */
    public Map<String, String> badTokens() {
        String good = customerToken("u-bad", "6849dd2562e5fa1c135a04fb");
        String[] parts = good.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String tamperedPayload = payload.replace("\"CUSTOMER\"", "\"ADMIN\"");
        String tampered = parts[0] + "." + b64(tamperedPayload) + "." + parts[2];
        String none = b64("{\"alg\":\"none\",\"kid\":\"" + KEY_ID + "\"}") + "." + parts[1] + ".";
        String hsWithPublicKey = Jwts.builder()
                .header()
                .keyId(KEY_ID)
                .and()
                .subject("u-hs")
                .issuer(ISSUER)
                .expiration(Date.from(Instant.now().plusSeconds(3600)))
                .claim("roles", List.of("ADMIN"))
                .signWith(Keys.hmacShaKeyFor(padTo64(keys.getPublic().getEncoded())), Jwts.SIG.HS256)
                .compact();
        return Map.of(
                "expired",
                token("u-exp", "exp", List.of("CUSTOMER"), null, ISSUER, Duration.ofMinutes(-10)),
                "wrong issuer",
                token("u-iss", "iss", List.of("CUSTOMER"), null, "someone-else", Duration.ofHours(1)),
                "alg none",
                none,
                "HS256 signed with the public key",
                hsWithPublicKey,
                "tampered payload",
                tampered,
                "garbage",
                "not.a.token");
    }

    private static byte[] padTo64(byte[] key) {
        return key.length >= 64 ? key : java.util.Arrays.copyOf(key, 64);
    }

    private static String b64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String jwksJson(RSAPublicKey key) {
        var encoder = Base64.getUrlEncoder().withoutPadding();
        String n = encoder.encodeToString(unsigned(key.getModulus().toByteArray()));
        String e = encoder.encodeToString(unsigned(key.getPublicExponent().toByteArray()));
        return "{\"keys\":[{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\"" + KEY_ID + "\",\"n\":\"" + n
                + "\",\"e\":\"" + e + "\"}]}";
    }

    private static byte[] unsigned(byte[] bytes) {
        return bytes.length > 1 && bytes[0] == 0 ? java.util.Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    /** Points {@code saga.security.*} of a test context at this JWKS. */
    public static class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            context.getEnvironment()
                    .getPropertySources()
                    .addFirst(new MapPropertySource(
                            "testJwks",
                            Map.of("saga.security.jwks-uri", get().jwksUri(), "saga.security.issuer", ISSUER)));
        }
    }
}
