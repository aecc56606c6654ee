package dev.ordersaga.customer;

import static dev.ordersaga.customer.Api.admin;
import static dev.ordersaga.customer.Api.newId;
import static dev.ordersaga.testsupport.TestHttp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import dev.ordersaga.customer.domain.OrderValidation;
import dev.ordersaga.events.CustomerRejected;
import dev.ordersaga.events.CustomerValidated;
import dev.ordersaga.events.EventIds;
import dev.ordersaga.events.Topics;
import dev.ordersaga.testsupport.KafkaTestClient.Received;
import dev.ordersaga.testsupport.participant.SagaScript;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Saga step 2, driven by the exact {@code OrderRequested} JSON the gateway publishes ({@link SagaScript}). */
class OrderValidationFlowTest extends CustomerServiceTest {

    /** As the gateway hashes a request: 64 hex digits. */
    static final String REQUEST_HASH = "ab".repeat(32);

    @Test
    void an_active_customer_is_validated_with_the_lines_and_payment_method_carried_on() {
        String customerId = api.createCustomer(newId(), "Active Buyer", true);
        var order = new SagaScript(customerId);
        String orderId = order.orderId;

        Received answer = requestAndAwait(order, "CustomerValidated");
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
        var order = new SagaScript(customerId);
        String orderId = order.orderId;

        JsonNode event = requestAndAwait(order, "CustomerRejected").json();
        assertThat(event.get("reason").asString()).isEqualTo("CUSTOMER_INACTIVE");
        assertThat(event.get("customer_id").asString()).isEqualTo(customerId);
        assertThat(event.get("event_id").asString())
                .isEqualTo(EventIds.about(orderId, CustomerRejected.class).toString());
        assertThat(kafka.records(Topics.CUSTOMER_EVENTS, orderId)).hasSize(1);
    }

    @Test
    void a_missing_customer_is_rejected_as_not_found() {
        JsonNode event =
                requestAndAwait(new SagaScript(newId()), "CustomerRejected").json();
        assertThat(event.get("reason").asString()).isEqualTo("CUSTOMER_NOT_FOUND");
        assertThat(event.get("detail").asString()).contains("does not exist");
    }

    @Test
    void a_customer_id_that_is_no_object_id_is_simply_not_found() {
        JsonNode event = requestAndAwait(new SagaScript("{\\\"$ne\\\":null}"), "CustomerRejected")
                .json();
        assertThat(event.get("reason").asString()).isEqualTo("CUSTOMER_NOT_FOUND");
        assertThat(event.get("customer_id").asString()).isEqualTo("{\"$ne\":null}");
    }

    @Test
    void a_duplicated_order_requested_gets_the_same_answer_twice_and_changes_nothing() {
        String customerId = api.createCustomer(newId(), "Twice Asked", true);
        JsonNode customerBefore = json(api.get("/api/customers/" + customerId, admin()));
        var order = new SagaScript(customerId);
        String orderId = order.orderId;
        String request = order.orderRequested(REQUEST_HASH);

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
        var order = new SagaScript(customerId);
        String orderId = order.orderId;
        JsonNode first = requestAndAwait(order, "CustomerValidated").json();

        assertThat(api.delete("/api/customers/" + customerId, admin()).statusCode())
                .isEqualTo(204);
        // A retried request (same Idempotency-Key, so same order id) is a new event with a new id.
        kafka.send(Topics.ORDER_REQUESTS, orderId, order.orderRequested(REQUEST_HASH));

        List<Received> answers = awaitAnswers(orderId, 2);
        assertThat(answers).extracting(Received::type).containsOnly("CustomerValidated");
        assertThat(answers.get(1).json()).isEqualTo(first);
    }

    /** Sends the gateway's request for the order (a new event) and waits for the answer of this type. */
    private static Received requestAndAwait(SagaScript order, String type) {
        kafka.send(Topics.ORDER_REQUESTS, order.orderId, order.orderRequested(REQUEST_HASH));
        return kafka.await(Topics.CUSTOMER_EVENTS, order.orderId, type);
    }

    private static List<Received> awaitAnswers(String orderId, int count) {
        return kafka.awaitAtLeast(Topics.CUSTOMER_EVENTS, orderId, answer -> true, count, Duration.ofSeconds(30));
    }
}
