package dev.ordersaga.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.events.Topics;
import dev.ordersaga.testsupport.BrokerTest;
import dev.ordersaga.testsupport.KafkaTestClient;
import dev.ordersaga.testsupport.SagaServiceTest;
import dev.ordersaga.testsupport.TestHttp;
import dev.ordersaga.testsupport.TestJwks;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Base of every integration test of this module: one Spring context (the same annotations on every
 * class, so it is started once), the service on a random port, a real broker and mongo-java-server.
 * Events go in as the exact snake_case JSON their producers publish (order-service's decisions from
 * {@link dev.ordersaga.testsupport.participant.SagaJson}); outcomes are read back from
 * {@code inventory-events}. Every test uses its own order ids and products.
 */
@SagaServiceTest
public abstract class InventoryIntegrationTest extends BrokerTest {

    protected static final JsonMapper JSON = JsonMapper.builder().build();
    protected static final String CUSTOMER = "6849dd2562e5fa1c135a04fb";
    protected static final Duration PATIENCE = Duration.ofSeconds(30);

    @LocalServerPort
    protected int port;

    /** The service's HTTP API, as an admin or a customer calls it. */
    protected TestHttp http;

    @BeforeEach
    void client() {
        http = new TestHttp(port);
    }

    // ---- HTTP ----------------------------------------------------------------------------------

    protected static String admin() {
        return TestJwks.get().adminToken();
    }

    protected static String customer() {
        return TestJwks.get().customerToken("u-" + UUID.randomUUID(), CUSTOMER);
    }

    protected static JsonNode json(HttpResponse<String> response) {
        return TestHttp.json(response);
    }

    // ---- products ------------------------------------------------------------------------------

    /** Creates an active product in EUR through the API, as an admin would, and returns its id. */
    protected String product(int stock, String price) {
        return product(stock, price, "EUR", true);
    }

    protected String product(int stock, String price, String currency, boolean active) {
        String sku = "SKU-" + UUID.randomUUID();
        var response = http.post("/api/products", admin(), """
                {"sku":"%s","name":"Test product %s","description":"made by a test",\
                "price":{"amount":%s,"currency":"%s"},"stock":%d,"active":%s}""".formatted(sku, sku, price, currency, stock, active));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response).get("id").asString();
    }

    /** {available, reserved, sold} of a product as the API reports it. */
    protected long[] stock(String productId) {
        var response = http.get("/api/products/" + productId + "/availability", admin());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = json(response);
        return new long[] {
            body.get("available").asLong(),
            body.get("reserved").asLong(),
            body.get("sold").asLong()
        };
    }

    /** Asserts a product's {available, reserved, sold}. */
    protected void assertStock(String productId, long available, long reserved, long sold) {
        assertThat(stock(productId)).as("available, reserved, sold").containsExactly(available, reserved, sold);
    }

    protected JsonNode invariants() {
        var response = http.get("/api/inventory/invariants", admin());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    // ---- events as their producers publish them ------------------------------------------------

    protected static String newOrderId() {
        return UUID.randomUUID().toString();
    }

    /** A line of an order: product id and quantity. */
    protected record Line(String productId, int quantity) {}

    protected static Line line(String productId, int quantity) {
        return new Line(productId, quantity);
    }

    /** customer-service's {@code CustomerValidated}, exactly as it goes on the wire. */
    protected static String customerValidated(String orderId, Line... lines) {
        String json = List.of(lines).stream()
                .map(l -> "{\"product_id\":\"%s\",\"quantity\":%d}".formatted(l.productId(), l.quantity()))
                .collect(Collectors.joining(","));
        return """
                {"type":"CustomerValidated","event_id":"%s","order_id":"%s","occurred_at":"2026-11-24T10:00:00Z",\
                "correlation_id":"corr-%s","customer_id":"%s","lines":[%s],"payment_method":"credit_card"}""".formatted(UUID.randomUUID(), orderId, orderId, CUSTOMER, json);
    }

    /** payment-service's {@code PaymentFailed}. */
    protected static String paymentFailed(String orderId, String reason) {
        return """
                {"type":"PaymentFailed","event_id":"%s","order_id":"%s","occurred_at":"2026-11-24T10:00:01Z",\
                "correlation_id":"corr-%s","payment_id":"pay-%s","amount":{"amount":10.00,"currency":"EUR"},\
                "reason":"%s","detail":"declined by the simulator"}""".formatted(UUID.randomUUID(), orderId, orderId, orderId, reason);
    }

    /** order-service's {@code OrderConfirmed} (lines priced as inventory reserved them). */
    protected static String orderConfirmed(String orderId, JsonNode stockReserved) {
        return """
                {"type":"OrderConfirmed","event_id":"%s","order_id":"%s","occurred_at":"2026-11-24T10:00:02Z",\
                "correlation_id":"corr-%s","customer_id":"%s","lines":%s,"total":%s,"payment_id":"pay-%s"}""".formatted(
                        UUID.randomUUID(),
                        orderId,
                        orderId,
                        CUSTOMER,
                        stockReserved.get("lines"),
                        stockReserved.get("total"),
                        orderId);
    }

    protected static void publish(String topic, String orderId, String json) {
        kafka.send(topic, orderId, json);
    }

    protected static void validated(String orderId, Line... lines) {
        publish(Topics.CUSTOMER_EVENTS, orderId, customerValidated(orderId, lines));
    }

    // ---- outcomes ------------------------------------------------------------------------------

    /** Validates the order and waits for its {@code StockReserved}. */
    protected static JsonNode reserved(String orderId, Line... lines) {
        validated(orderId, lines);
        return outcome(orderId, "StockReserved");
    }

    /** Validates the order and waits for its {@code StockRejected}, which must give this reason. */
    protected static JsonNode rejected(String orderId, String reason, Line... lines) {
        validated(orderId, lines);
        JsonNode rejected = outcome(orderId, "StockRejected");
        assertThat(reason(rejected)).isEqualTo(reason);
        return rejected;
    }

    /** Publishes the same event twice; the two outcomes it gets must be the same event. */
    protected static List<JsonNode> twice(String topic, String orderId, String json, String type) {
        publish(topic, orderId, json);
        publish(topic, orderId, json);
        List<JsonNode> said = outcomes(orderId, type, 2);
        assertThat(said.get(1).get("event_id")).isEqualTo(said.get(0).get("event_id"));
        return said;
    }

    /** Publishes an event about the order and waits for the inventory outcome of this type. */
    protected static JsonNode answer(String topic, String orderId, String json, String type) {
        publish(topic, orderId, json);
        return outcome(orderId, type);
    }

    /** The reason code an outcome carries. */
    protected static String reason(JsonNode outcome) {
        return outcome.get("reason").asString();
    }

    /** Waits for the first inventory outcome of this type for the order and returns its JSON. */
    protected static JsonNode outcome(String orderId, String type) {
        return kafka.await(Topics.INVENTORY_EVENTS, orderId, r -> type.equals(r.type()), PATIENCE)
                .json();
    }

    /** Waits until the order has {@code count} inventory outcomes of this type, and returns them. */
    protected static List<JsonNode> outcomes(String orderId, String type, int count) {
        return kafka
                .awaitAtLeast(Topics.INVENTORY_EVENTS, orderId, r -> type.equals(r.type()), count, PATIENCE)
                .stream()
                .map(KafkaTestClient.Received::json)
                .toList();
    }

    /** The amount of a money object, read from its text so no double rounding creeps in. */
    protected static BigDecimal amount(JsonNode money) {
        return new BigDecimal(money.get("amount").asString());
    }

    /** Every inventory outcome for the order so far. */
    protected static List<JsonNode> allOutcomes(String orderId) {
        return kafka.records(Topics.INVENTORY_EVENTS, orderId).stream()
                .map(KafkaTestClient.Received::json)
                .toList();
    }
}
