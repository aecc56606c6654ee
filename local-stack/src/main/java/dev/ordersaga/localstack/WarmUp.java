package dev.ordersaga.localstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Real orders through the gateway before {@code up} says ready, so the JIT compilers of the eight
 * JVMs do their work on these and not on a user's first orders (and, on a first start, so the AOT
 * cache is trained by the saga's real paths).
 *
 * <p>The orders never touch the demo data: the admin orders for a customer and products of their
 * own, created here once (a second {@code up} finds them: 409), named as what they are. Each round
 * mixes the three outcomes the saga has: confirmed (reserve, pay, confirm, commit), insufficient
 * stock (a product with none) and a declined payment (reserve, fail, release), so every step and
 * its compensation is compiled. Every order ends terminal and consistent, so the inventory and
 * payment invariants hold with them as with any other order.
 *
 * <p>A round is {@link #CONCURRENCY} orders at once (load, so the hot paths get compiled), then
 * one order alone (what a user sending one order at a time would see). It goes on until that
 * one answers within {@link #FAST} twice in a row, or after {@link #MAX_ROUNDS} rounds or
 * {@link #MAX_TIME}; what it did is one progress line.
 */
public final class WarmUp {

    /** The warm-up's own records (ObjectId-shaped ids that no demo record uses). */
    public static final String CUSTOMER_ID = "5741a2000000000000000001";

    public static final String PRODUCT_ID = "5741a2000000000000000002";
    public static final String EMPTY_PRODUCT_ID = "5741a2000000000000000003";

    /** Enough for a million warm-up orders: never restocked, never runs out in practice. */
    static final int STOCK = 1_000_000;

    static final int CONCURRENCY = 8;
    static final int MAX_ROUNDS = 12;
    static final Duration FAST = Duration.ofMillis(40);
    static final Duration MAX_TIME = Duration.ofSeconds(90);

    /**
     * The gateway admits 20 orders a second per user after a burst of 60 (then 429): past the burst
     * the warm-up keeps below the rate, so it measures speed and never the limiter.
     */
    static final int BURST = 48;

    static final int ORDERS_PER_SECOND_PAST_BURST = 16;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final URI gateway;
    private final String adminUsername;
    private final String adminPassword;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    public WarmUp(String gatewayUrl, String adminUsername, String adminPassword) {
        this.gateway = URI.create(gatewayUrl.endsWith("/") ? gatewayUrl : gatewayUrl + "/");
        this.adminUsername = adminUsername;
        this.adminPassword = adminPassword;
    }

    /**
     * What the warm-up did.
     *
     * @param orders how many orders it sent
     * @param rounds how many rounds of {@link #CONCURRENCY} orders
     * @param statuses how many answers of each HTTP status
     * @param lastAlone the answer time of the last round's order sent alone
     * @param took the whole warm-up
     */
    public record Result(int orders, int rounds, Map<Integer, Integer> statuses, Duration lastAlone, Duration took) {
        @Override
        public String toString() {
            return "%d orders in %d rounds %s, the last one alone answered in %d ms (%.1f s)"
                    .formatted(orders, rounds, statuses, lastAlone.toMillis(), took.toMillis() / 1000.0);
        }
    }

    public Result run() {
        Instant begin = Instant.now();
        String token = login();
        create("api/customers", customer(), token);
        create("api/products", product(PRODUCT_ID, "WARMUP-STOCKED", STOCK), token);
        create("api/products", product(EMPTY_PRODUCT_ID, "WARMUP-EMPTY", 0), token);
        Map<Integer, Integer> statuses = new TreeMap<>();
        int orders = 0;
        int rounds = 0;
        int fastInARow = 0;
        Duration probe = Duration.ZERO;
        while (!done(rounds, fastInARow, Duration.between(begin, Instant.now()))) {
            Instant roundBegin = Instant.now();
            List<Answer> answers = new ArrayList<>(round(token));
            // then one order alone: what a user sending orders one by one would see now
            Answer alone = timed(orderRequest(order(0), token));
            answers.add(alone);
            rounds++;
            orders += answers.size();
            for (Answer a : answers) {
                statuses.merge(a.status(), 1, Integer::sum);
            }
            probe = alone.status() == 201 ? alone.took() : Duration.ofDays(1);
            fastInARow = probe.compareTo(FAST) <= 0 ? fastInARow + 1 : 0;
            if (orders > BURST) {
                pace(roundBegin, answers.size());
            }
        }
        return new Result(orders, rounds, statuses, probe, Duration.between(begin, Instant.now()));
    }

    /** Whether the warm-up stops: fast twice in a row, or out of rounds or time. */
    static boolean done(int rounds, int fastInARow, Duration elapsed) {
        return fastInARow >= 2 || rounds >= MAX_ROUNDS || elapsed.compareTo(MAX_TIME) >= 0;
    }

    private HttpRequest orderRequest(String body, String token) {
        return post("api/create_order", body, token)
                .header("Idempotency-Key", "warm-up-" + UUID.randomUUID())
                .build();
    }

    private static void pace(Instant roundBegin, int sent) {
        Duration least = Duration.ofMillis(1000L * sent / ORDERS_PER_SECOND_PAST_BURST);
        Duration left = least.minus(Duration.between(roundBegin, Instant.now()));
        if (left.isPositive()) {
            try {
                Thread.sleep(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StackException("interrupted", e);
            }
        }
    }

    /** One answer to a warm-up order. */
    record Answer(int status, Duration took) {}

    private List<Answer> round(String token) {
        List<Future<Answer>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < CONCURRENCY; i++) {
                String body = order(i);
                futures.add(pool.submit(() -> timed(orderRequest(body, token))));
            }
        }
        List<Answer> answers = new ArrayList<>();
        for (Future<Answer> f : futures) {
            try {
                answers.add(f.get());
            } catch (java.util.concurrent.ExecutionException e) {
                throw new StackException("warm-up order failed: " + e.getCause(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StackException("interrupted", e);
            }
        }
        return answers;
    }

    /** The i-th order of a round: mostly confirmed, one insufficient stock, one declined payment. */
    static String order(int i) {
        String product = i == 1 ? EMPTY_PRODUCT_ID : PRODUCT_ID;
        String method = i == 2 ? "test_declined_card" : "credit_card";
        ObjectNode body = JSON.createObjectNode().put("customer_id", CUSTOMER_ID);
        body.putArray("products").addObject().put("product_id", product).put("quantity", 1);
        body.put("payment_method", method)
                .put("shipping_address", "local stack warm-up")
                .put("billing_address", "local stack warm-up");
        return body.toString();
    }

    private static String customer() {
        ObjectNode body = JSON.createObjectNode()
                .put("id", CUSTOMER_ID)
                .put("name", "Local stack warm-up (not demo data)")
                .put("email", "warm-up@stack.invalid")
                .put("active", true);
        body.putArray("addresses")
                .addObject()
                .put("street", "local stack warm-up")
                .put("city", "-")
                .put("postal_code", "0")
                .put("country", "US");
        return body.toString();
    }

    private static String product(String id, String sku, int stock) {
        ObjectNode body = JSON.createObjectNode()
                .put("id", id)
                .put("sku", sku)
                .put("name", "Local stack warm-up (not demo data)")
                .put("description", "ordered by ./stack up before it reports ready, so the first real orders are fast")
                .put("stock", stock)
                .put("active", true);
        body.putObject("price").put("amount", new java.math.BigDecimal("1.00")).put("currency", "EUR");
        return body.toString();
    }

    private String login() {
        String body = JSON.createObjectNode()
                .put("username", adminUsername)
                .put("password", adminPassword)
                .toString();
        HttpResponse<String> response = send(post("api/auth/login", body, null).build());
        if (response.statusCode() != 200) {
            throw new StackException(
                    "warm-up: the admin login answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body()).path("token").asString("");
    }

    private void create(String path, String body, String token) {
        HttpResponse<String> response = send(post(path, body, token).build());
        if (response.statusCode() != 201 && response.statusCode() != 200 && response.statusCode() != 409) {
            throw new StackException(
                    "warm-up: POST /" + path + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    private HttpRequest.Builder post(String path, String body, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(gateway.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    private Answer timed(HttpRequest request) {
        Instant begin = Instant.now();
        HttpResponse<String> response = send(request);
        return new Answer(response.statusCode(), Duration.between(begin, Instant.now()));
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new StackException("warm-up: " + request.method() + " " + request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted", e);
        }
    }
}
