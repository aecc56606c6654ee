package dev.ordersaga.order;

import static org.awaitility.Awaitility.await;

import dev.ordersaga.events.OrderStatus;
import dev.ordersaga.events.Topics;
import dev.ordersaga.order.domain.Order;
import dev.ordersaga.order.store.OrderStore;
import dev.ordersaga.testsupport.KafkaTestClient;
import dev.ordersaga.testsupport.KafkaTestClient.Received;
import dev.ordersaga.testsupport.SagaServiceTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one Spring context of every integration test of this module (the whole service, a real
 * broker, mongo-java-server, a JWKS): subclasses add nothing to it, so it is started once.
 */
@SagaServiceTest
abstract class OrderServiceTestBase {

    static final Duration PATIENCE = Duration.ofSeconds(30);
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    static KafkaTestClient kafka;

    @LocalServerPort
    int port;

    @Autowired
    OrderStore store;

    @BeforeAll
    static void connect(@Value("${spring.kafka.bootstrap-servers}") String brokers) {
        kafka = new KafkaTestClient(brokers);
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
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

    Order awaitStored(String orderId, Predicate<Order> match) {
        await().atMost(PATIENCE).until(() -> store.find(orderId).filter(match).isPresent());
        return store.find(orderId).orElseThrow();
    }

    // --- HTTP -----------------------------------------------------------------------------------

    HttpResponse<String> get(String path, String token) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String token) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .POST(HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }
}
