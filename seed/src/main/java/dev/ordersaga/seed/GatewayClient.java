package dev.ordersaga.seed;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The system as a client sees it: HTTP through the gateway, nothing else. The one client of the
 * seeder, the bench and the local stack's warm-up. Set-up calls (login, creating records) wait for a
 * gateway whose route is still starting (502/503/504, no connection yet) and for the login's rate
 * limit (429); orders are sent once, as a client would.
 */
public class GatewayClient {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    /** A set-up call to a gateway that is up before the service behind it: tried this many times. */
    private static final int ATTEMPTS = 20;

    private static final Duration RETRY_PAUSE = Duration.ofMillis(500);

    private final URI base;
    private final HttpClient http;

    public GatewayClient(String baseUrl) {
        this(baseUrl, null);
    }

    /**
     * A client whose connections leave from {@code localAddress} (another loopback address, say):
     * login is rate limited per client address, so the buyers of a run each log in from their own.
     */
    public GatewayClient(String baseUrl, InetAddress localAddress) {
        this.base = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
        var builder = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .version(HttpClient.Version.HTTP_1_1);
        if (localAddress != null) {
            builder.localAddress(localAddress);
        }
        this.http = builder.build();
    }

    /** The URL this client talks to. */
    public String baseUrl() {
        return base.toString();
    }

    /** A logged-in user: the token and the customer record linked to it. */
    public record Session(String username, String token, String customerId) {}

    public Session login(String username, String password) {
        ObjectNode body = JSON.createObjectNode().put("username", username).put("password", password);
        HttpResponse<String> response = sendStarting(post("api/auth/login", null, body.toString()));
        // login is rate limited per address (30/min): a run with many buyers waits as the 429 says, a few times
        for (int attempt = 0; response.statusCode() == 429 && attempt < 10; attempt++) {
            long seconds = response.headers()
                    .firstValueAsLong("Retry-After")
                    .orElse(JSON.readTree(response.body())
                            .path("retry_after_seconds")
                            .asLong(2));
            sleep(Duration.ofSeconds(Math.max(1, seconds)));
            response = sendStarting(post("api/auth/login", null, body.toString()));
        }
        if (response.statusCode() != 200) {
            throw new Refused("login of " + username, response);
        }
        String token = JSON.readTree(response.body()).path("token").asString("");
        if (token.isBlank()) {
            throw new Refused("login of " + username + " (no token)", response);
        }
        return new Session(username, token, claim(token, "customer_id"));
    }

    /**
     * Creates a customer user as admin (as the seeder does); true if created, false if it already
     * existed. Self-registration is rate limited per address, so a run's buyers are made this way.
     */
    public boolean createUser(Session admin, String username, String password, String email, String name) {
        ObjectNode body = JSON.createObjectNode()
                .put("username", username)
                .put("password", password)
                .put("email", email)
                .put("name", name);
        return create(admin, "api/auth/users", body.toString());
    }

    /** Creates a product as admin; true if created, false if it already existed. */
    public boolean createProduct(
            Session admin, String id, String sku, String name, String price, int stock, boolean active) {
        ObjectNode body = JSON.createObjectNode()
                .put("id", id)
                .put("sku", sku)
                .put("name", name)
                .put("description", "created by the benchmark")
                .put("stock", stock)
                .put("active", active);
        body.putObject("price").put("amount", new java.math.BigDecimal(price)).put("currency", "EUR");
        return create(admin, "api/products", body.toString());
    }

    /**
     * Creates one record as admin ({@code POST path} with {@code json}): true if created, false if it
     * was already there (409). The seeder and the warm-up are idempotent this way.
     */
    public boolean create(Session admin, String path, String json) {
        HttpResponse<String> response = sendStarting(post(path, admin.token(), json));
        return switch (response.statusCode()) {
            case 200, 201 -> true;
            case 409 -> false;
            default -> throw new Refused("POST /" + path, response);
        };
    }

    /** A create_order body: one line of {@code quantity} × {@code productId}, the bench's addresses. */
    public static String orderBody(String customerId, String productId, int quantity, String paymentMethod) {
        ObjectNode body = JSON.createObjectNode();
        body.put("customer_id", customerId);
        body.putArray("products").addObject().put("product_id", productId).put("quantity", quantity);
        body.put("payment_method", paymentMethod);
        body.put("shipping_address", "1 Bench Street, Loadtown");
        body.put("billing_address", "1 Bench Street, Loadtown");
        return body.toString();
    }

    public CompletableFuture<HttpResponse<String>> createOrder(String token, String body) {
        return http.sendAsync(post("api/create_order", token, body), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> createOrderSync(String token, String body) {
        return send(post("api/create_order", token, body));
    }

    /** An order with its {@code Idempotency-Key}, answered once (no retry). */
    public HttpResponse<String> createOrderSync(String token, String body, String idempotencyKey) {
        HttpRequest request = HttpRequest.newBuilder(post("api/create_order", token, body), (name, value) -> true)
                .header("Idempotency-Key", idempotencyKey)
                .build();
        return send(request);
    }

    public JsonNode get(Session session, String path) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + session.token())
                .GET()
                .build());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(
                    "GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** The status of one order, or null while order-service does not know it (404). */
    public String orderStatus(Session session, String orderId) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(base.resolve("api/orders/" + orderId))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + session.token())
                .GET()
                .build());
        if (response.statusCode() == 404) {
            return null;
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException(
                    "GET api/orders/" + orderId + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body()).path("status").asString(null);
    }

    /** Every item of a paged list endpoint ({@code ?page=&size=}, answering {@code {"items": [...], ...}}). */
    public List<JsonNode> all(Session session, String path) {
        List<JsonNode> items = new ArrayList<>();
        int size = 100;
        for (int page = 0; page < 100_000; page++) {
            String separator = path.contains("?") ? "&" : "?";
            JsonNode node = get(session, path + separator + "page=" + page + "&size=" + size);
            JsonNode listed = node.get("items");
            if (listed == null || !listed.isArray()) {
                throw new IllegalStateException("no list in the answer of " + path + ": " + node);
            }
            listed.forEach(items::add);
            if (listed.size() < size) {
                break;
            }
        }
        return items;
    }

    private HttpRequest post(String path, String token, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request.build();
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Sends a set-up call, again while the route's service is starting (502/503/504, no connection). */
    private HttpResponse<String> sendStarting(HttpRequest request) {
        Instant started = Instant.now();
        for (int attempt = 1; ; attempt++) {
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if ((status != 502 && status != 503 && status != 504) || attempt >= ATTEMPTS) {
                    return response;
                }
            } catch (IOException e) {
                if (attempt >= ATTEMPTS) {
                    throw new IllegalStateException(
                            request.method() + " " + request.uri() + " failed after "
                                    + Duration.between(started, Instant.now()).toSeconds() + " s: " + e,
                            e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            sleep(RETRY_PAUSE);
        }
    }

    /** The gateway answered a set-up call with an unexpected status. */
    public static final class Refused extends IllegalStateException {
        private final int status;

        Refused(String what, HttpResponse<String> response) {
            super(what + " answered " + response.statusCode() + ": " + abbreviate(response.body()));
            this.status = response.statusCode();
        }

        public int status() {
            return status;
        }

        private static String abbreviate(String body) {
            return body == null ? "" : body.length() > 300 ? body.substring(0, 300) + "..." : body;
        }
    }

    /** Reads a claim from a token's payload (the gateway verified it; we only need to read it). */
    public static String claim(String token, String name) {
        String[] parts = token.split("\\.");
        if (parts.length < 2) {
            return null; // not a JWT
        }
        JsonNode payload = JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        return payload.has(name) ? payload.get(name).asString() : null;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
