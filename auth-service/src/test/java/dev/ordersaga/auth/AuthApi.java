package dev.ordersaga.auth;

import dev.ordersaga.testsupport.TestHttp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The service's HTTP API as a client sees it. Logins come from a distinct client address each
 * (sent as X-Forwarded-For, which the service trusts from loopback like from the gateway), so
 * the per-address rate limit never couples two tests; tests of that limit pass their own address.
 */
public final class AuthApi {

    public static final String ADMIN_USERNAME = "admin"; // the dev default bootstrap admin
    public static final String ADMIN_PASSWORD = "admin12345";

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final AtomicInteger ADDRESSES = new AtomicInteger();
    private static final AtomicInteger NAMES = new AtomicInteger();
    private static volatile String adminToken;

    private final int port;

    public AuthApi(int port) {
        this.port = port;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** A username no other test uses. */
    public static String uniqueUsername(String prefix) {
        return prefix + "." + NAMES.incrementAndGet() + "."
                + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 30), 36);
    }

    /** A client address no other login uses. */
    public static String freshAddress() {
        int n = ADDRESSES.incrementAndGet();
        return "10.77." + (n / 250) + "." + (n % 250 + 1);
    }

    public static Map<String, Object> registration(String username, String password) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", username);
        body.put("password", password);
        body.put("email", username + "@example.com");
        body.put("name", "Name of " + username);
        return body;
    }

    /** Each registration from its own address, so the per-address limit meets only the tests about it. */
    public HttpResponse<String> register(Map<String, Object> body) {
        return register(body, freshAddress());
    }

    public HttpResponse<String> register(Map<String, Object> body, String clientAddress) {
        return send(post("/api/auth/register", json(body)).header("X-Forwarded-For", clientAddress));
    }

    public HttpResponse<String> registerRaw(String body) {
        return send(post("/api/auth/register", body).header("X-Forwarded-For", freshAddress()));
    }

    public CompletableFuture<HttpResponse<String>> registerAsync(Map<String, Object> body) {
        return HTTP.sendAsync(
                post("/api/auth/register", json(body))
                        .header("X-Forwarded-For", freshAddress())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Registers a user with a good password and returns the created user. */
    public JsonNode registered(String username, String password) {
        HttpResponse<String> response = register(registration(username, password));
        if (response.statusCode() != 201) {
            throw new IllegalStateException("registration failed: " + response.statusCode() + " " + response.body());
        }
        return read(response);
    }

    public HttpResponse<String> login(String username, String password) {
        return login(username, password, freshAddress());
    }

    public HttpResponse<String> login(String username, String password, String clientAddress) {
        return send(post("/api/auth/login", json(Map.of("username", username, "password", password)))
                .header("X-Forwarded-For", clientAddress));
    }

    public HttpResponse<String> loginRaw(String body) {
        return send(post("/api/auth/login", body).header("X-Forwarded-For", freshAddress()));
    }

    /** Logs in and returns the token. */
    public String token(String username, String password) {
        HttpResponse<String> response = login(username, password);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("login failed: " + response.statusCode() + " " + response.body());
        }
        return read(response).get("token").asString();
    }

    /** The bootstrap admin's token, fetched once (the admin's logins are rate limited like any other). */
    public String adminToken() {
        if (adminToken == null) {
            adminToken = token(ADMIN_USERNAME, ADMIN_PASSWORD);
        }
        return adminToken;
    }

    public HttpResponse<String> me(String token) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(url("/api/auth/me"))).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request);
    }

    public HttpResponse<String> createUser(String token, Map<String, Object> body) {
        HttpRequest.Builder request = post("/api/auth/users", json(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request);
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(url(path))).GET());
    }

    public static JsonNode read(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    public static String json(Object body) {
        return JSON.writeValueAsString(body);
    }

    private HttpRequest.Builder post(String path, String body) {
        return HttpRequest.newBuilder(URI.create(url(path)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        return TestHttp.send(HTTP, request);
    }
}
