package dev.ordersaga.gateway;

import dev.ordersaga.testsupport.KafkaTestClient;
import dev.ordersaga.testsupport.SagaServiceTest;
import dev.ordersaga.testsupport.TestHttp;
import dev.ordersaga.testsupport.TestJwks;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one Spring context of every gateway integration test: the whole gateway on a random port, a
 * real broker, the test JWKS, every routed service pointed at {@link StubUpstream} (payment at a
 * closed port), and the hop timeout set to {@link #HOP}. The
 * tests play order-service themselves: they read {@code OrderRequested} and publish the replies.
 */
@SagaServiceTest
public abstract class GatewayIntegrationTest {

    static final String CUSTOMER = "6849dd2562e5fa1c135a04fb";
    static final String OTHER_CUSTOMER = "6849dd2562e5fa1c135a04fc";
    static final String P1 = "6849dd2a5b6717b8055f93a9";
    static final String P2 = "6849dd2b5b6717b8055f93aa";
    // Shorter than production's 5 s would make the 504 tests faster, but the machine these tests
    // run on is shared and at times heavily loaded: the test (playing order-service) must answer
    // well within one hop, so the hop stays generous.
    static final Duration HOP = Duration.ofSeconds(6);

    static final StubUpstream UPSTREAM = StubUpstream.start();
    static final int CLOSED_PORT = StubUpstream.closedPort();

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    static KafkaTestClient kafka;
    static OrderRequestsProbe requests;
    static OrderServiceStandIn orderService;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void gatewayUnderTest(DynamicPropertyRegistry registry) {
        registry.add("saga.hop-timeout", HOP::toString);
        registry.add("AUTH_URL", UPSTREAM::url);
        registry.add("CUSTOMER_URL", UPSTREAM::url);
        registry.add("INVENTORY_URL", UPSTREAM::url);
        registry.add("ORDER_URL", UPSTREAM::url);
        registry.add("PAYMENT_URL", () -> "http://127.0.0.1:" + CLOSED_PORT);
    }

    @BeforeAll
    static void connect(@Value("${spring.kafka.bootstrap-servers}") String brokers) {
        kafka = new KafkaTestClient(brokers);
        requests = OrderRequestsProbe.connect(brokers);
        orderService = new OrderServiceStandIn(kafka);
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    static String newUser() {
        return "u-" + UUID.randomUUID();
    }

    static String customerToken(String userId) {
        return TestJwks.get().customerToken(userId, CUSTOMER);
    }

    /** The body of SPEC §7's curl, exactly, with {@code token} in it (null: no token field). */
    static String seedBody(String token) {
        return """
                {%s"customer_id": "6849dd2562e5fa1c135a04fb",
                       "products": [{"product_id": "6849dd2a5b6717b8055f93a9", "quantity": 1},
                                    {"product_id": "6849dd2b5b6717b8055f93aa", "quantity": 2}],
                       "payment_method": "credit_card",
                       "shipping_address": "123 Main St, City, State 12345",
                       "billing_address": "123 Main St, City, State 12345"}""".formatted(token == null ? "" : "\"token\": \"" + token + "\", ");
    }

    HttpRequest.Builder post(String path, String body, String... headers) {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return request;
    }

    HttpRequest.Builder get(String path, String... headers) {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(60))
                .GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return request;
    }

    CompletableFuture<HttpResponse<String>> createOrderAsync(String body, String... headers) {
        return HTTP.sendAsync(post("/api/create_order", body, headers).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> createOrder(String body, String... headers) {
        return createOrderAsync(body, headers).join();
    }

    static HttpResponse<String> send(HttpRequest.Builder request) {
        return TestHttp.send(HTTP, request);
    }

    static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    static String bearer(String token) {
        return "Bearer " + token;
    }
}
