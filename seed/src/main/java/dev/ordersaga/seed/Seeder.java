package dev.ordersaga.seed;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * Creates the demo data through the gateway, as the bootstrap admin: customers, then the users
 * linked to them, then the products. Idempotent by "create; 409 = already there", so running it
 * twice changes nothing and it never needs to read a database.
 *
 * <p>Run it with {@code java -jar seed/target/seed-0.1.0-SNAPSHOT-exec.jar [gateway-url]}; settings
 * from the environment: {@code SEED_GATEWAY_URL} (default {@code http://localhost:9080}),
 * {@code AUTH_ADMIN_USERNAME} / {@code AUTH_ADMIN_PASSWORD} (dev default {@code admin} /
 * {@code admin12345}, the same defaults auth-service bootstraps the admin with).
 */
public final class Seeder {

    public static final String DEFAULT_GATEWAY_URL = "http://localhost:9080";
    public static final String DEFAULT_ADMIN_USERNAME = "admin"; // dev default
    public static final String DEFAULT_ADMIN_PASSWORD = "admin12345"; // dev default

    /** A gateway that is up before the service behind it answers 502/503 for a moment: retry that. */
    private static final int ATTEMPTS = 20;

    private static final Duration RETRY_PAUSE = Duration.ofMillis(500);

    private final URI gateway;
    private final String adminUsername;
    private final String adminPassword;
    private final HttpClient http;
    private final PrintStream log;

    public Seeder(String gatewayUrl, String adminUsername, String adminPassword, PrintStream log) {
        this.gateway = URI.create(gatewayUrl.endsWith("/") ? gatewayUrl : gatewayUrl + "/");
        this.adminUsername = Objects.requireNonNull(adminUsername);
        this.adminPassword = Objects.requireNonNull(adminPassword);
        this.log = log;
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** A seeder configured from the environment, the way the local stack and Compose call it. */
    public static Seeder fromEnvironment(String gatewayUrl, PrintStream log) {
        return new Seeder(
                gatewayUrl,
                env("AUTH_ADMIN_USERNAME", DEFAULT_ADMIN_USERNAME),
                env("AUTH_ADMIN_PASSWORD", DEFAULT_ADMIN_PASSWORD),
                log);
    }

    public static void main(String[] args) {
        String gatewayUrl = args.length > 0 ? args[0] : env("SEED_GATEWAY_URL", DEFAULT_GATEWAY_URL);
        try {
            SeedReport report = fromEnvironment(gatewayUrl, System.out).seed(SeedData.bundled());
            System.out.println("seed: " + report);
        } catch (SeedException e) {
            System.err.println("seed failed: " + e.getMessage());
            System.exit(1);
        }
    }

    /** Creates whatever of {@code data} is missing; reports what was created and what was already there. */
    public SeedReport seed(SeedData data) {
        String token = login();
        Map<String, SeedReport.Count> counts = new LinkedHashMap<>();
        counts.put("customers", createAll("api/customers", data.customers(), "id", token));
        counts.put("users", createAll("api/auth/users", data.users(), "username", token));
        counts.put("products", createAll("api/products", data.products(), "id", token));
        return new SeedReport(counts);
    }

    private SeedReport.Count createAll(String path, List<JsonNode> documents, String idField, String token) {
        int created = 0;
        int existing = 0;
        for (JsonNode document : documents) {
            String id = document.path(idField).asString("?");
            HttpResponse<String> response = send(post(path, document.toString())
                    .header("Authorization", "Bearer " + token)
                    .build());
            switch (response.statusCode()) {
                case 200, 201 -> {
                    created++;
                    log("created " + path + " " + id);
                }
                case 409 -> existing++;
                default ->
                    throw new SeedException("POST /" + path + " (" + id + ") answered " + response.statusCode() + ": "
                            + abbreviate(response.body()));
            }
        }
        return new SeedReport.Count(created, existing);
    }

    private String login() {
        String body = SeedData.JSON
                .createObjectNode()
                .put("username", adminUsername)
                .put("password", adminPassword)
                .toString();
        HttpResponse<String> response = send(post("api/auth/login", body).build());
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw new SeedException("the admin login was refused (" + response.statusCode()
                    + "): AUTH_ADMIN_USERNAME / AUTH_ADMIN_PASSWORD must match what auth-service bootstrapped");
        }
        if (response.statusCode() != 200) {
            throw new SeedException(
                    "POST /api/auth/login answered " + response.statusCode() + ": " + abbreviate(response.body()));
        }
        String token = SeedData.JSON.readTree(response.body()).path("token").asString("");
        if (token.isBlank()) {
            throw new SeedException("the login answer has no token: " + abbreviate(response.body()));
        }
        return token;
    }

    private HttpRequest.Builder post(String path, String json) {
        return HttpRequest.newBuilder(gateway.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
    }

    /** Sends, retrying connection failures and 502/503/504 (a route whose service is still starting). */
    private HttpResponse<String> send(HttpRequest request) {
        Instant started = Instant.now();
        for (int attempt = 1; ; attempt++) {
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if ((status == 502 || status == 503 || status == 504) && attempt < ATTEMPTS) {
                    pause();
                    continue;
                }
                return response;
            } catch (IOException e) {
                if (attempt >= ATTEMPTS) {
                    throw new SeedException(request.method() + " " + request.uri() + " failed after "
                            + Duration.between(started, Instant.now()).toSeconds() + " s: " + e);
                }
                pause();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SeedException("interrupted");
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(RETRY_PAUSE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SeedException("interrupted");
        }
    }

    private void log(String line) {
        if (log != null) {
            log.println("seed: " + line);
        }
    }

    private static String abbreviate(String body) {
        return body == null ? "" : body.length() > 300 ? body.substring(0, 300) + "..." : body;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** Seeding could not finish; the message says which request failed and how. */
    public static final class SeedException extends RuntimeException {
        public SeedException(String message) {
            super(message);
        }
    }
}
