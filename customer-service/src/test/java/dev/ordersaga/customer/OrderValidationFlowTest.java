package dev.ordersaga.customer;

import static dev.ordersaga.customer.Api.admin;
import static dev.ordersaga.customer.Api.json;
import static dev.ordersaga.customer.Api.newId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import dev.ordersaga.customer.domain.OrderValidation;
import dev.ordersaga.events.CustomerRejected;
import dev.ordersaga.events.CustomerValidated;
import dev.ordersaga.events.EventIds;
import dev.ordersaga.events.Topics;
import dev.ordersaga.testsupport.KafkaTestClient;
import dev.ordersaga.testsupport.KafkaTestClient.Received;
import dev.ordersaga.testsupport.SagaServiceTest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.JsonNode;

/** Saga step 2, driven by the exact {@code OrderRequested} JSON the gateway publishes. */
@SagaServiceTest
class OrderValidationFlowTest {

    static KafkaTestClient kafka;

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    Api api;

    @BeforeAll
    static void connect(@Value("${spring.kafka.bootstrap-servers}") String brokers) {
        kafka = new KafkaTestClient(brokers);
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    @BeforeEach
    void client() {
        api = new Api(port);
    }

    @Test
    void an_active_customer_is_validated_with_the_lines_and_payment_method_carried_on() {
        String customerId = api.createCustomer(newId(), "Active Buyer", true);
        String orderId = UUID.randomUUID().toString();

        kafka.send(Topics.ORDER_REQUESTS, orderId, orderRequested(UUID.randomUUID(), orderId, customerId));

        Received answer = kafka.await(Topics.CUSTOMER_EVENTS, orderId, "CustomerValidated");
        JsonNode event = answer.json();
        assertThat(event.get("event_id").asString())
                .isEqualTo(EventIds.about(orderId, CustomerValidated.class).toString());
        assertThat(event.get("order_id").asString()).isEqualTo(orderId);
        assertThat(event.get("customer_id").asString()).isEqualTo(customerId);
        assertThat(event.get("payment_method").asString()).isEqualTo("credit_card");
        assertThat(event.get("correlation_id").asString()).isEqualTo("corr-" + orderId);
        assertThat(event.get("lines").findValuesAsString("product_id"))
                .containsExactly("6849dd2a5b6717b8055f93a9", "6849dd2b5b6717b8055f93aa");
        assertThat(event.get("lines").findValues("quantity"))
                .extracting(JsonNode::asInt)
                .containsExactly(1, 2);
        assertThat(answer.headers()).containsEntry("event_type", "CustomerValidated");
    }

    @Test
    void an_inactive_customer_is_rejected_as_inactive() {
        String customerId = api.createCustomer(newId(), "Inactive Buyer", false);
        String orderId = UUID.randomUUID().toString();

        kafka.send(Topics.ORDER_REQUESTS, orderId, orderRequested(UUID.randomUUID(), orderId, customerId));

        JsonNode event =
                kafka.await(Topics.CUSTOMER_EVENTS, orderId, "CustomerRejected").json();
        assertThat(event.get("reason").asString()).isEqualTo("CUSTOMER_INACTIVE");
        assertThat(event.get("customer_id").asString()).isEqualTo(customerId);
        assertThat(event.get("event_id").asString())
                .isEqualTo(EventIds.about(orderId, CustomerRejected.class).toString());
        assertThat(kafka.records(Topics.CUSTOMER_EVENTS, orderId)).hasSize(1);
    }

    @Test
    void a_missing_customer_is_rejected_as_not_found() {
        String orderId = UUID.randomUUID().toString();

        kafka.send(Topics.ORDER_REQUESTS, orderId, orderRequested(UUID.randomUUID(), orderId, newId()));

        JsonNode event =
                kafka.await(Topics.CUSTOMER_EVENTS, orderId, "CustomerRejected").json();
        assertThat(event.get("reason").asString()).isEqualTo("CUSTOMER_NOT_FOUND");
        assertThat(event.get("detail").asString()).contains("does not exist");
    }

    @Test
    void a_customer_id_that_is_no_object_id_is_simply_not_found() {
        String orderId = UUID.randomUUID().toString();

        kafka.send(Topics.ORDER_REQUESTS, orderId, orderRequested(UUID.randomUUID(), orderId, "{\\\"$ne\\\":null}"));

        JsonNode event =
                kafka.await(Topics.CUSTOMER_EVENTS, orderId, "CustomerRejected").json();
        assertThat(event.get("reason").asString()).isEqualTo("CUSTOMER_NOT_FOUND");
        assertThat(event.get("customer_id").asString()).isEqualTo("{\"$ne\":null}");
    }

    @Test
    void a_duplicated_order_requested_gets_the_same_answer_twice_and_changes_nothing() {
        String customerId = api.createCustomer(newId(), "Twice Asked", true);
        JsonNode customerBefore = json(api.get("/api/customers/" + customerId, admin()));
        String orderId = UUID.randomUUID().toString();
        String request = orderRequested(UUID.randomUUID(), orderId, customerId);

        kafka.send(Topics.ORDER_REQUESTS, orderId, request);
        kafka.send(Topics.ORDER_REQUESTS, orderId, request);

        List<Received> answers = awaitAnswers(orderId, 2);
        assertThat(answers).extracting(Received::type).containsOnly("CustomerValidated");
        assertThat(answers.get(1).json()).isEqualTo(answers.get(0).json());
        assertThat(answers.get(1).json().get("event_id").asString())
                .isEqualTo(EventIds.about(orderId, CustomerValidated.class).toString());
        assertThat(mongo.count(query(where("_id").is(orderId)), OrderValidation.class))
                .isEqualTo(1);
        assertThat(json(api.get("/api/customers/" + customerId, admin()))).isEqualTo(customerBefore);
    }

    @Test
    void the_first_answer_stands_even_if_the_customer_changes_before_a_repeat() {
        String customerId = api.createCustomer(newId(), "Deactivated Later", true);
        String orderId = UUID.randomUUID().toString();
        kafka.send(Topics.ORDER_REQUESTS, orderId, orderRequested(UUID.randomUUID(), orderId, customerId));
        JsonNode first = kafka.await(Topics.CUSTOMER_EVENTS, orderId, "CustomerValidated")
                .json();

        assertThat(api.delete("/api/customers/" + customerId, admin()).statusCode())
                .isEqualTo(204);
        // A retried request (same Idempotency-Key, so same order id) is a new event with a new id.
        kafka.send(Topics.ORDER_REQUESTS, orderId, orderRequested(UUID.randomUUID(), orderId, customerId));

        List<Received> answers = awaitAnswers(orderId, 2);
        assertThat(answers).extracting(Received::type).containsOnly("CustomerValidated");
        assertThat(answers.get(1).json()).isEqualTo(first);
    }

    private static List<Received> awaitAnswers(String orderId, int count) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> kafka.records(Topics.CUSTOMER_EVENTS, orderId).size() >= count);
        return kafka.records(Topics.CUSTOMER_EVENTS, orderId);
    }

    /** The JSON the gateway publishes on order-requests (snake_case, with its type). */
    static String orderRequested(UUID eventId, String orderId, String customerId) {
        return """
                {"type":"OrderRequested","event_id":"%s","order_id":"%s",\
                "occurred_at":"2026-11-24T10:00:00.000Z","correlation_id":"corr-%s",\
                "customer_id":"%s","user_id":"user-1",\
                "lines":[{"product_id":"6849dd2a5b6717b8055f93a9","quantity":1},\
                {"product_id":"6849dd2b5b6717b8055f93aa","quantity":2}],\
                "payment_method":"credit_card","shipping_address":"123 Main St, City, State 12345",\
                "billing_address":"123 Main St, City, State 12345","request_hash":"%s"}""".formatted(eventId, orderId, orderId, customerId, "ab".repeat(32));
    }
}
