package dev.ordersaga.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.localstack.Component;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a stranger, or one greedy account, sends to the real stack: bodies far over the cap and
 * nested thousands deep, a lock-out attempt on someone's login, a registration flood, tokens with
 * random key ids, one user's order flood. Each attack comes from its own loopback address
 * (127.0.0.x: all of 127/8 is this machine), as the gateway tells auth-service, so the per-address
 * limits it meets are its own and not the rest of the suite's. After it every service is healthy
 * and the stock adds up. Last in the suite, so its floods never slow another test down.
 */
@Order(6)
@ExtendWith(E2eStack.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileClientsIT {

    private static final String PASSWORD = "a-long-passphrase";

    private final E2eStack.Running running = E2eStack.get();
    private final Orders orders = new Orders(running);

    @Test
    @Order(1)
    void bodies_of_60_mb_are_refused_413_unread_and_deep_nesting_400_and_the_gateway_stays_up() {
        long begin = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            String answer = declareHugeBody(port(Component.GATEWAY), "/api/create_order", 60L << 20);
            assertThat(answer)
                    .as("60 MB create_order")
                    .startsWith("HTTP/1.1 413")
                    .contains("PAYLOAD_TOO_LARGE");
        }
        System.out.printf(
                "hostile: 20 x 60 MB create_order -> 413 each, %d ms in all%n",
                (System.nanoTime() - begin) / 1_000_000);
        String toAuth = declareHugeBody(port(Component.AUTH), "/api/auth/register", 40L << 20);
        assertThat(toAuth).as("40 MB register at auth-service").startsWith("HTTP/1.1 413");

        String nested = "{\"products\": " + "[".repeat(20_000) + "]".repeat(20_000) + "}";
        for (int i = 0; i < 20; i++) {
            Reply deep = send(attacker(10), "POST", "/api/create_order", null, nested, Map.of());
            assertThat(deep.status()).as(deep.toString()).isEqualTo(400);
            assertThat(deep.body()).contains("JSON_TOO_COMPLEX");
        }
        Reply deepRegister = send(attacker(10), "POST", "/api/auth/register", null, nested, Map.of());
        assertThat(deepRegister.status()).as(deepRegister.toString()).isEqualTo(400);

        assertThat(health(Component.GATEWAY)).isEqualTo(200);
        assertThat(health(Component.AUTH)).isEqualTo(200);
    }

    @Test
    @Order(2)
    void wrong_passwords_from_one_address_never_lock_the_owner_out() {
        String victim = register(attacker(20), "victim");
        HttpClient attacker = attacker(21);
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            statuses.add(login(attacker, victim, "wrong-password-" + i).status());
        }

        long begin = System.nanoTime();
        Reply owner = login(attacker(22), victim, PASSWORD);
        System.out.printf(
                "hostile: 14 wrong passwords from one address -> %s; the owner from another -> %d in %d ms%n",
                statuses, owner.status(), (System.nanoTime() - begin) / 1_000_000);

        assertThat(statuses).as("the attacker's answers").contains(429).containsOnly(401, 429);
        assertThat(owner.status()).as("the owner, from elsewhere: %s", owner).isEqualTo(200);
    }

    @Test
    @Order(3)
    void a_registration_flood_from_one_address_gets_ten_accounts_and_then_429s() {
        HttpClient flooder = attacker(30);
        List<Reply> answers = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            answers.add(send(flooder, "POST", "/api/auth/register", null, registration(uniqueName("flood")), Map.of()));
        }

        long created = answers.stream().filter(a -> a.status() == 201).count();
        System.out.printf("hostile: 16 registrations from one address -> %d created, the rest 429%n", created);
        List<Reply> refused = answers.stream().filter(a -> a.status() == 429).toList();
        // 10 per 10 minutes, refilled smoothly: one more may come in while the flood runs
        assertThat(created).as("%s", answers).isBetween(10L, 11L);
        assertThat(refused).hasSize((int) (answers.size() - created));
        assertThat(refused.getFirst().body()).contains("TOO_MANY_REGISTRATIONS");
        assertThat(refused.getFirst().retryAfter()).isPositive();
    }

    @Test
    @Order(4)
    void tokens_with_150_random_key_ids_cost_auth_service_a_bounded_number_of_key_fetches() {
        long before = jwksFetches();
        HttpClient stranger = attacker(40);
        for (int i = 0; i < 150; i++) {
            Reply answer = send(
                    stranger,
                    "GET",
                    "http://127.0.0.1:" + port(Component.ORDER) + "/api/orders",
                    forgedToken(),
                    null,
                    Map.of());
            assertThat(answer.status()).as(answer.toString()).isEqualTo(401);
        }

        long fetched = jwksFetches() - before;
        System.out.printf("hostile: 150 random kids at order-service -> %d JWKS fetches at auth-service%n", fetched);

        // order-service refreshes at most twice per 30 s for unknown kids (it was 151 before);
        // the other services' scheduled cache refreshes may add a few
        assertThat(fetched).as("JWKS fetches during the attack").isLessThanOrEqualTo(8);
    }

    @Test
    @Order(5)
    void one_user_flooding_create_order_gets_429s_with_retry_after_and_another_users_order_is_confirmed()
            throws Exception {
        HttpClient greedy = attacker(50);
        String username = uniqueName("greedy");
        Reply registered = send(greedy, "POST", "/api/auth/register", null, registration(username), Map.of());
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        String customerId =
                Http.JSON.readTree(registered.body()).get("customer_id").asString();
        String token = Http.JSON
                .readTree(login(greedy, username, PASSWORD).body())
                .get("token")
                .asString();
        String product = orders.newProduct(10_000, "1.00");

        List<CompletableFuture<Reply>> flood = new ArrayList<>();
        Http.Answer other;
        try (ExecutorService all = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 150; i++) {
                flood.add(CompletableFuture.supplyAsync(
                        () -> send(
                                greedy,
                                "POST",
                                "/api/create_order",
                                token,
                                orderBody(customerId, product),
                                Map.of("Idempotency-Key", "flood-" + UUID.randomUUID())),
                        all));
            }
            other = orders.order(
                    running.customerToken(), Orders.KLEA_CUSTOMER, product, 1, "bystander-" + UUID.randomUUID());
        }
        List<Reply> answers = flood.stream().map(CompletableFuture::join).toList();

        System.out.printf(
                "hostile: one user's 150 orders at once -> %s; another user's order meanwhile -> %d%n",
                answers.stream()
                        .collect(java.util.stream.Collectors.groupingBy(
                                Reply::status, java.util.TreeMap::new, java.util.stream.Collectors.counting())),
                other.status());
        assertThat(other.status())
                .as("klea's order during the flood: %s", other)
                .isEqualTo(201);
        List<Reply> limited = answers.stream().filter(a -> a.status() == 429).toList();
        assertThat(limited).as("429s of the flood").isNotEmpty();
        assertThat(limited.getFirst().body()).contains("TOO_MANY_ORDERS");
        assertThat(limited.getFirst().retryAfter()).isPositive();
        // what was let in is decided like any order (504 only if a hop took too long on this machine)
        assertThat(answers.stream().map(Reply::status)).isSubsetOf(201, 429, 504);
    }

    @AfterAll
    static void the_stack_is_healthy_and_the_stock_adds_up() {
        E2eStack.Running stack = E2eStack.get();
        for (Component service : List.of(
                Component.GATEWAY,
                Component.AUTH,
                Component.CUSTOMER,
                Component.INVENTORY,
                Component.PAYMENT,
                Component.ORDER)) {
            assertThat(healthOf(stack, service)).as(service.id()).isEqualTo(200);
        }
        new Orders(stack).awaitInventoryInvariants();
    }

    // ---- the attacker's tools

    /** An answer with the one header the tests read. */
    record Reply(int status, String body, long retryAfter) {
        @Override
        public String toString() {
            return status + " " + (body.length() > 300 ? body.substring(0, 300) + "..." : body);
        }
    }

    /** A client whose connections come from 127.0.0.{last}: its own address for every limit. */
    private static HttpClient attacker(int last) {
        try {
            return HttpClient.newBuilder()
                    .localAddress(InetAddress.getByName("127.0.0." + last))
                    .connectTimeout(Duration.ofSeconds(5))
                    .version(HttpClient.Version.HTTP_1_1)
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Reply send(
            HttpClient client, String method, String path, String token, String body, Map<String, String> headers) {
        String url = path.startsWith("http") ? path : "http://127.0.0.1:" + port(Component.GATEWAY) + path;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(60))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(
                    response.statusCode(),
                    response.body(),
                    response.headers().firstValueAsLong("Retry-After").orElse(0));
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Announces a body of {@code length} bytes, sends its first 16 KB, and reads the answer, which
     * must come before the rest is sent (a server that read it all would have died first).
     */
    private static String declareHugeBody(int port, String path, long length) {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress("127.0.0.11", 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                            + "Content-Length: " + length + "\r\n\r\n{\"customer_id\":\"" + "x".repeat(16_000))
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder answer = new StringBuilder();
            byte[] buffer = new byte[2048];
            while (!answer.toString().contains("\"code\"")) {
                int n = in.read(buffer);
                if (n < 0) {
                    break;
                }
                answer.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            }
            return answer.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A token that names a key nobody has: header and claims look right, the signature is noise. */
    private static String forgedToken() {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + UUID.randomUUID() + "\"}";
        long now = System.currentTimeMillis() / 1000;
        String claims = "{\"sub\":\"intruder\",\"iss\":\"ordersaga-auth\",\"roles\":[\"ADMIN\"],\"iat\":" + now
                + ",\"exp\":" + (now + 600) + "}";
        byte[] signature = new byte[256];
        ThreadLocalRandom.current().nextBytes(signature);
        return b64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "." + b64.encodeToString(signature);
    }

    /** How often auth-service served its key set so far (its own request metrics, on its own port). */
    private long jwksFetches() {
        Http.Answer metrics =
                Http.send("GET", "http://127.0.0.1:" + port(Component.AUTH) + "/actuator/prometheus", List.of(), null);
        assertThat(metrics.status()).as("auth-service metrics").isEqualTo(200);
        long count = 0;
        Matcher m = Pattern.compile("http_server_requests_seconds_count\\{([^}]*)} ([0-9.E]+)")
                .matcher(metrics.body());
        while (m.find()) {
            if (m.group(1).contains("uri=\"/.well-known/jwks.json\"")) {
                count += (long) Double.parseDouble(m.group(2));
            }
        }
        return count;
    }

    private Reply login(HttpClient client, String username, String password) {
        String body = Http.JSON
                .createObjectNode()
                .put("username", username)
                .put("password", password)
                .toString();
        return send(client, "POST", "/api/auth/login", null, body, Map.of());
    }

    /** Registers a user from this client's address and returns the username. */
    private String register(HttpClient client, String prefix) {
        String username = uniqueName(prefix);
        Reply answer = send(client, "POST", "/api/auth/register", null, registration(username), Map.of());
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        return username;
    }

    private static String registration(String username) {
        return Http.JSON
                .createObjectNode()
                .put("username", username)
                .put("password", PASSWORD)
                .put("email", username + "@example.com")
                .put("name", "Hostile " + username)
                .toString();
    }

    private static String orderBody(String customerId, String product) {
        ObjectNode body = Http.JSON.createObjectNode().put("customer_id", customerId);
        body.putArray("products").addObject().put("product_id", product).put("quantity", 1);
        return body.put("payment_method", "credit_card")
                .put("shipping_address", "1 Flood Lane")
                .put("billing_address", "1 Flood Lane")
                .toString();
    }

    private static String uniqueName(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8);
    }

    private int port(Component component) {
        return running.stack().config().port(component);
    }

    private int health(Component component) {
        return healthOf(running, component);
    }

    private static int healthOf(E2eStack.Running stack, Component component) {
        return Http.send(
                        "GET",
                        "http://127.0.0.1:" + stack.stack().config().port(component) + "/actuator/health",
                        List.of(),
                        null)
                .status();
    }
}
