package dev.ordersaga.order;

import static org.awaitility.Awaitility.await;

import dev.ordersaga.events.OrderStatus;
import dev.ordersaga.events.Topics;
import dev.ordersaga.order.domain.Order;
import dev.ordersaga.order.store.OrderStore;
import dev.ordersaga.testsupport.BrokerTest;
import dev.ordersaga.testsupport.KafkaTestClient.Received;
import dev.ordersaga.testsupport.SagaServiceTest;
import dev.ordersaga.testsupport.TestHttp;
import dev.ordersaga.testsupport.participant.SagaScript;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The one Spring context of every integration test of this module (the whole service, a real
 * broker, mongo-java-server, a JWKS): subclasses add nothing to it, so it is started once. Events go
 * in as the exact JSON the other services publish ({@link SagaScript}); what order-service says is
 * read back from the broker.
 */
@SagaServiceTest
abstract class OrderServiceTestBase extends BrokerTest {

    static final Duration PATIENCE = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    @Autowired
    OrderStore store;

    TestHttp http;

    @BeforeEach
    void client() {
        http = new TestHttp(port);
    }

    // --- Kafka ----------------------------------------------------------------------------------

    static void send(String topic, SagaScript saga, String json) {
        kafka.send(topic, saga.orderId, json);
    }

    static List<JsonNode> replies(String orderId) {
        return kafka.records(Topics.ORDER_REPLIES, orderId).stream()
                .map(Received::json)
                .toList();
    }

    static List<Received> outcomes(String orderId, String type) {
        return kafka.records(Topics.ORDER_EVENTS, orderId).stream()
                .filter(r -> type.equals(r.type()))
                .toList();
    }

    /** Waits for a reply of the order that matches, and returns the first such. */
    static JsonNode awaitReply(String orderId, Predicate<JsonNode> match) {
        return kafka.await(Topics.ORDER_REPLIES, orderId, r -> match.test(r.json()), PATIENCE)
                .json();
    }

    static JsonNode awaitReply(String orderId, OrderStatus status) {
        return awaitReply(orderId, r -> status.name().equals(r.get("status").asString()));
    }

    static JsonNode awaitOutcome(String orderId, String type) {
        return kafka.await(Topics.ORDER_EVENTS, orderId, r -> type.equals(r.type()), PATIENCE)
                .json();
    }

    /** Waits until the order's request is recorded (it gets no reply of its own). */
    Order awaitRequested(String orderId) {
        return awaitStored(orderId, Order::isRequested);
    }

    /**
     * The customer's validation recorded; awaited in the store, since order-service sends no reply for
     * it (the gateway reads it on customer-events itself).
     */
    Order awaitValidated(String orderId) {
        return awaitStored(orderId, o -> o.status() == OrderStatus.CUSTOMER_VALIDATED);
    }

    Order awaitStored(String orderId, Predicate<Order> match) {
        await().atMost(PATIENCE).until(() -> store.find(orderId).filter(match).isPresent());
        return store.find(orderId).orElseThrow();
    }

    // --- HTTP -----------------------------------------------------------------------------------

    HttpResponse<String> get(String path, String token) {
        return http.get(path, token);
    }

    HttpResponse<String> post(String path, String token) {
        return http.post(path, token, null);
    }

    static JsonNode json(HttpResponse<String> response) {
        return TestHttp.json(response);
    }
}
