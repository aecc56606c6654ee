package dev.ordersaga.order;

import static dev.ordersaga.events.OrderStatus.CANCELLED;
import static dev.ordersaga.events.OrderStatus.COMPENSATING;
import static dev.ordersaga.events.OrderStatus.CONFIRMED;
import static dev.ordersaga.events.OrderStatus.PAYMENT_COMPLETED;
import static dev.ordersaga.events.OrderStatus.PENDING;
import static dev.ordersaga.events.OrderStatus.REJECTED;
import static dev.ordersaga.events.OrderStatus.STOCK_RESERVED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ordersaga.events.EventIds;
import dev.ordersaga.events.OrderCancelled;
import dev.ordersaga.events.OrderConfirmed;
import dev.ordersaga.events.OrderRejected;
import dev.ordersaga.events.OrderStatusChanged;
import dev.ordersaga.events.Topics;
import dev.ordersaga.order.domain.Order;
import dev.ordersaga.order.domain.TimelineEntry;
import dev.ordersaga.testsupport.KafkaTestClient.Received;
import dev.ordersaga.testsupport.participant.SagaEvents;
import dev.ordersaga.testsupport.participant.SagaScript;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The saga through order-service, driven by the exact JSON the other services publish. */
class OrderSagaFlowTest extends OrderServiceTestBase {

    /**
     * Waits until the order is decided and settled: every participant acknowledged it, and the sweep
     * has nothing left to look at (no {@code recheckAt}).
     */
    void awaitClosed(String orderId) {
        await().atMost(PATIENCE)
                .until(() -> store.find(orderId)
                        .filter(o -> o.isTerminal() && o.recheckAt() == null)
                        .isPresent());
    }

    /** The sweep will look at the order again: it has a {@code recheckAt}. */
    boolean watched(String orderId) {
        return store.find(orderId).orElseThrow().recheckAt() != null;
    }

    @Test
    void the_happy_path_confirms_the_order_once_and_replies_once_per_hop_the_gateway_does_not_see_until_the_decision() {
        var saga = new SagaScript();

        send(Topics.ORDER_REQUESTS, saga, saga.orderRequested("hash-1"));
        awaitRequested(saga.orderId);
        send(Topics.CUSTOMER_EVENTS, saga, saga.customerValidated());
        awaitValidated(saga.orderId);
        send(Topics.INVENTORY_EVENTS, saga, saga.stockReserved());
        awaitReply(saga.orderId, STOCK_RESERVED);
        send(Topics.PAYMENT_EVENTS, saga, saga.paymentCompleted());
        JsonNode confirmedReply = awaitReply(saga.orderId, CONFIRMED);

        JsonNode confirmed = awaitOutcome(saga.orderId, "OrderConfirmed");
        assertThat(confirmed.get("event_id").asString())
                .isEqualTo(EventIds.about(saga.orderId, OrderConfirmed.class).toString());
        assertThat(confirmed.get("customer_id").asString()).isEqualTo(saga.customerId);
        assertThat(confirmed.get("correlation_id").asString()).isEqualTo(saga.correlationId);
        assertThat(confirmed.get("payment_id").asString()).isEqualTo("pay-" + saga.orderId);
        assertThat(confirmed.get("total").get("amount").decimalValue()).isEqualByComparingTo("29.99");
        assertThat(confirmed.get("lines").get(0).get("unit_price").get("amount").decimalValue())
                .isEqualByComparingTo("19.99");

        assertThat(replies(saga.orderId))
                .extracting(r ->
                        r.get("status").asString() + "/" + r.get("last_step").asString())
                .as("no reply for the request itself (the gateway's first hop runs from its publish), none for the"
                        + " customer's validation (the gateway reads it on customer-events)")
                .containsExactly("STOCK_RESERVED/StockReserved", "CONFIRMED/PaymentCompleted");
        assertThat(replies(saga.orderId)).allSatisfy(r -> {
            assertThat(r.get("type").asString()).isEqualTo("OrderStatusChanged");
            assertThat(r.get("request_hash").asString()).isEqualTo("hash-1");
            assertThat(r.get("customer_id").asString()).isEqualTo(saga.customerId);
        });
        assertThat(confirmedReply.get("payment_id").asString()).isEqualTo("pay-" + saga.orderId);
        assertThat(confirmedReply.get("total").get("amount").decimalValue()).isEqualByComparingTo("29.99");
        assertThat(confirmedReply.get("lines")).hasSize(2);
        assertThat(confirmedReply.get("created_at").asString()).isNotBlank();
        Received record = kafka.records(Topics.ORDER_EVENTS, saga.orderId).getFirst();
        assertThat(record.headers()).containsEntry("event_type", "OrderConfirmed");
        assertThat(outcomes(saga.orderId, "OrderConfirmed")).hasSize(1);

        // the commit after the decision is recorded, and nobody waits for a reply to it
        send(Topics.INVENTORY_EVENTS, saga, saga.stockCommitted());
        awaitClosed(saga.orderId);
        assertThat(store.find(saga.orderId).orElseThrow().timeline())
                .extracting(TimelineEntry::type)
                .contains("StockCommitted");
        assertThat(replies(saga.orderId)).hasSize(2);
    }

    @Test
    void a_rejected_customer_rejects_the_order_with_the_customers_reason() {
        var saga = new SagaScript();

        send(Topics.ORDER_REQUESTS, saga, saga.orderRequested("h"));
        send(Topics.CUSTOMER_EVENTS, saga, saga.customerRejected());

        JsonNode reply = awaitReply(saga.orderId, REJECTED);
        assertThat(reply.get("reason").asString()).isEqualTo("CUSTOMER_INACTIVE");
        // customer-service reads the request in parallel: its answer may be recorded first.
        assertThat(reply.get("last_step").asString()).isIn("CustomerRejected", "OrderRequested");
        JsonNode rejected = awaitOutcome(saga.orderId, "OrderRejected");
        assertThat(rejected.get("reason").asString()).isEqualTo("CUSTOMER_INACTIVE");
        assertThat(rejected.get("event_id").asString())
                .isEqualTo(EventIds.about(saga.orderId, OrderRejected.class).toString());
    }

    @Test
    void rejected_stock_rejects_the_order_naming_the_products() {
        var saga = requestedAndValidated();
        send(Topics.INVENTORY_EVENTS, saga, saga.stockRejected());

        JsonNode reply = awaitReply(saga.orderId, REJECTED);
        assertThat(reply.get("reason").asString()).isEqualTo("INSUFFICIENT_STOCK");
        assertThat(reply.get("product_ids").get(0).asString()).isEqualTo(SagaEvents.PRODUCT_B);
        assertThat(reply.get("detail").asString()).isEqualTo("Only 1 left.");
        assertThat(awaitOutcome(saga.orderId, "OrderRejected").get("reason").asString())
                .isEqualTo("INSUFFICIENT_STOCK");
    }

    @Test
    void a_failed_payment_compensates_first_and_rejects_once_the_stock_is_released() {
        var saga = requestedAndValidated();
        send(Topics.INVENTORY_EVENTS, saga, saga.stockReserved());
        awaitReply(saga.orderId, STOCK_RESERVED);

        send(Topics.PAYMENT_EVENTS, saga, saga.paymentFailed());

        JsonNode compensating = awaitReply(saga.orderId, COMPENSATING);
        assertThat(compensating.get("reason").asString()).isEqualTo("PAYMENT_DECLINED");
        assertThat(outcomes(saga.orderId, "OrderRejected")).isEmpty();

        send(Topics.INVENTORY_EVENTS, saga, saga.stockReleased());

        JsonNode rejected = awaitReply(saga.orderId, REJECTED);
        assertThat(rejected.get("reason").asString()).isEqualTo("PAYMENT_DECLINED");
        assertThat(rejected.get("last_step").asString()).isEqualTo("StockReleased");
        assertThat(awaitOutcome(saga.orderId, "OrderRejected").get("reason").asString())
                .isEqualTo("PAYMENT_DECLINED");
        assertThat(outcomes(saga.orderId, "OrderRejected")).hasSize(1);
    }

    @Test
    void a_payment_failure_recorded_before_the_reservation_still_ends_rejected_once() {
        var saga = requestedAndValidated();
        awaitValidated(saga.orderId);

        send(Topics.PAYMENT_EVENTS, saga, saga.paymentFailed());
        awaitReply(saga.orderId, COMPENSATING);
        send(Topics.INVENTORY_EVENTS, saga, saga.stockReserved());
        // recorded out of order, it changes no status: no news, no reply
        Order late = awaitStored(saga.orderId, o -> "StockReserved".equals(o.lastStep()));
        assertThat(late.status()).isEqualTo(COMPENSATING);
        assertThat(replies(saga.orderId))
                .extracting(r -> r.get("last_step").asString())
                .doesNotContain("StockReserved");
        send(Topics.INVENTORY_EVENTS, saga, saga.stockReleased());

        assertThat(awaitReply(saga.orderId, REJECTED).get("reason").asString()).isEqualTo("PAYMENT_DECLINED");
        assertThat(awaitOutcome(saga.orderId, "OrderRejected").get("reason").asString())
                .isEqualTo("PAYMENT_DECLINED");
        assertThat(outcomes(saga.orderId, "OrderRejected")).hasSize(1);
        assertThat(outcomes(saga.orderId, "OrderConfirmed")).isEmpty();
    }

    @Test
    void a_payment_recorded_before_the_reservation_confirms_once_the_reservation_is_known() {
        var saga = requestedAndValidated();
        awaitValidated(saga.orderId);

        send(Topics.PAYMENT_EVENTS, saga, saga.paymentCompleted());
        awaitReply(saga.orderId, PAYMENT_COMPLETED);
        assertThat(outcomes(saga.orderId, "OrderConfirmed")).isEmpty();
        send(Topics.INVENTORY_EVENTS, saga, saga.stockReserved());

        JsonNode confirmed = awaitReply(saga.orderId, CONFIRMED);
        assertThat(confirmed.get("last_step").asString()).isEqualTo("StockReserved");
        assertThat(awaitOutcome(saga.orderId, "OrderConfirmed")
                        .get("total")
                        .get("amount")
                        .decimalValue())
                .isEqualByComparingTo("29.99");
        assertThat(outcomes(saga.orderId, "OrderConfirmed")).hasSize(1);
    }

    @Test
    void answers_that_arrive_before_the_request_wait_on_a_placeholder_and_nothing_is_replied_until_it_comes() {
        var saga = new SagaScript();
        send(Topics.CUSTOMER_EVENTS, saga, saga.customerValidated());
        send(Topics.INVENTORY_EVENTS, saga, saga.stockReserved());
        send(Topics.PAYMENT_EVENTS, saga, saga.paymentCompleted());

        Order placeholder = awaitStored(saga.orderId, o -> o.timeline().size() == 3);
        assertThat(placeholder.isRequested()).isFalse();
        assertThat(placeholder.status()).isEqualTo(PENDING);
        assertThat(replies(saga.orderId)).isEmpty();
        assertThat(kafka.records(Topics.ORDER_EVENTS, saga.orderId)).isEmpty();

        send(Topics.ORDER_REQUESTS, saga, saga.orderRequested("h"));

        JsonNode reply = awaitReply(saga.orderId, CONFIRMED);
        assertThat(reply.get("last_step").asString()).isEqualTo("OrderRequested");
        assertThat(reply.get("request_hash").asString()).isEqualTo("h");
        assertThat(replies(saga.orderId)).hasSize(1);
        assertThat(awaitOutcome(saga.orderId, "OrderConfirmed")
                        .get("customer_id")
                        .asString())
                .isEqualTo(saga.customerId);
    }

    @Test
    void answers_of_many_orders_arriving_at_once_on_three_topics_confirm_each_order_exactly_once() {
        List<SagaScript> sagas = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            var saga = new SagaScript();
            sagas.add(saga);
            send(Topics.ORDER_REQUESTS, saga, saga.orderRequested("h"));
        }
        for (SagaScript saga : sagas) {
            awaitRequested(saga.orderId);
        }
        // All three answers of each order are in flight together: three listener containers
        // write the same orders concurrently, and the conditional writes must settle it.
        for (SagaScript saga : sagas) {
            send(Topics.PAYMENT_EVENTS, saga, saga.paymentCompleted());
            send(Topics.CUSTOMER_EVENTS, saga, saga.customerValidated());
            send(Topics.INVENTORY_EVENTS, saga, saga.stockReserved());
        }

        await().atMost(PATIENCE)
                .until(() -> sagas.stream()
                        .allMatch(saga -> store.find(saga.orderId)
                                .filter(o ->
                                        o.status() == CONFIRMED && o.timeline().size() == 5)
                                .isPresent()));
        for (SagaScript saga : sagas) {
            send(Topics.INVENTORY_EVENTS, saga, saga.stockCommitted());
            awaitClosed(saga.orderId);
        }
        var confirmations = kafka.all(Topics.ORDER_EVENTS).stream()
                .filter(r -> "OrderConfirmed".equals(r.type()))
                .toList();
        var replies = kafka.all(Topics.ORDER_REPLIES);
        for (SagaScript saga : sagas) {
            assertThat(confirmations)
                    .filteredOn(r -> saga.orderId.equals(r.key()))
                    .hasSize(1);
            // one per new status (two or three, as the answers arrived), none for the commit
            var ofOrder = replies.stream()
                    .filter(r -> saga.orderId.equals(r.key()))
                    .map(Received::json)
                    .toList();
            assertThat(ofOrder).hasSizeBetween(2, 3);
            assertThat(ofOrder.getLast().get("status").asString()).isEqualTo("CONFIRMED");
            assertThat(ofOrder).extracting(r -> r.get("status").asString()).doesNotHaveDuplicates();
        }
    }

    @Test
    void duplicated_events_change_nothing_and_confirm_only_once() {
        var saga = new SagaScript();
        String requested = saga.orderRequested("h");
        String validated = saga.customerValidated();
        String reserved = saga.stockReserved();
        String reservedId = saga.lastEventId();
        String paid = saga.paymentCompleted();
        String paidId = saga.lastEventId();
        send(Topics.ORDER_REQUESTS, saga, requested);
        send(Topics.CUSTOMER_EVENTS, saga, validated);
        send(Topics.INVENTORY_EVENTS, saga, reserved);
        send(Topics.PAYMENT_EVENTS, saga, paid);
        awaitOutcome(saga.orderId, "OrderConfirmed");
        send(Topics.INVENTORY_EVENTS, saga, saga.stockCommitted());
        awaitClosed(saga.orderId);
        int repliesBefore = replies(saga.orderId).size();

        send(Topics.ORDER_REQUESTS, saga, requested);
        send(Topics.CUSTOMER_EVENTS, saga, validated);
        send(Topics.INVENTORY_EVENTS, saga, reserved);
        send(Topics.PAYMENT_EVENTS, saga, paid);

        // every duplicate is recorded as seen: nothing changes, the decision is not taken again. The order is
        // settled, so no gateway waits for a reply: one may still come for a redelivered cause, and if it does it
        // says CONFIRMED (in the full suite none came; alone, the paid event's came again: not asserted either way)
        await().during(Duration.ofSeconds(2))
                .atMost(PATIENCE)
                .until(() -> outcomes(saga.orderId, "OrderConfirmed").size() == 1);
        assertThat(replies(saga.orderId)
                        .subList(repliesBefore, replies(saga.orderId).size()))
                .allSatisfy(reply -> assertThat(reply.get("status").asString()).isEqualTo("CONFIRMED"));
        // the reservation and the payment travel on different topics: whichever order-service read last
        // completed the order and caused the CONFIRMED reply (its id derived from that event's)
        assertThat(replies(saga.orderId).get(repliesBefore - 1).get("event_id").asString())
                .as("the first CONFIRMED reply was caused by the payment or by the reservation")
                .isIn(
                        EventIds.causedBy(UUID.fromString(paidId), OrderStatusChanged.class)
                                .toString(),
                        EventIds.causedBy(UUID.fromString(reservedId), OrderStatusChanged.class)
                                .toString());
        Order order = store.find(saga.orderId).orElseThrow();
        // four answers, the decision and the commit
        assertThat(order.timeline()).hasSize(6);
        assertThat(order.status()).isEqualTo(CONFIRMED);
    }

    @Test
    void a_decision_not_yet_acknowledged_goes_out_again_with_the_same_id_when_its_cause_is_redelivered() {
        var saga = requestedAndValidated();
        send(Topics.INVENTORY_EVENTS, saga, saga.stockReserved());
        String paid = saga.paymentCompleted();
        send(Topics.PAYMENT_EVENTS, saga, paid);
        awaitOutcome(saga.orderId, "OrderConfirmed");

        // As if the process had died between the state write and the publish: the cause comes again.
        send(Topics.PAYMENT_EVENTS, saga, paid);

        await().atMost(PATIENCE)
                .until(() -> outcomes(saga.orderId, "OrderConfirmed").size() == 2);
        assertThat(outcomes(saga.orderId, "OrderConfirmed"))
                .extracting(r -> r.json().get("event_id").asString())
                .containsOnly(EventIds.about(saga.orderId, OrderConfirmed.class).toString());
        assertThat(watched(saga.orderId)).as("watched until inventory commits").isTrue();

        send(Topics.INVENTORY_EVENTS, saga, saga.stockCommitted());
        awaitClosed(saga.orderId);
        // Settled: a further redelivery does not repeat the decision (no gateway waits for a reply any more)
        send(Topics.PAYMENT_EVENTS, saga, paid);
        await().during(Duration.ofSeconds(2))
                .atMost(PATIENCE)
                .until(() -> outcomes(saga.orderId, "OrderConfirmed").size() == 2);
    }

    @Test
    void the_sweep_publishes_again_a_decision_whose_acknowledgement_never_came_until_it_comes() {
        var saga = new SagaScript();
        // The sweep looks at a decided order from its deadline on: let that come in 8 s.
        saga.at(Instant.now().minusSeconds(22));
        send(Topics.ORDER_REQUESTS, saga, saga.orderRequested("h"));
        send(Topics.CUSTOMER_EVENTS, saga, saga.customerValidated());
        send(Topics.INVENTORY_EVENTS, saga, saga.stockReserved());
        send(Topics.PAYMENT_EVENTS, saga, saga.paymentCompleted());
        awaitOutcome(saga.orderId, "OrderConfirmed");

        // Inventory never commits (its OrderConfirmed was lost): the sweep says it again, same id.
        await().atMost(PATIENCE)
                .until(() -> outcomes(saga.orderId, "OrderConfirmed").size() >= 2);
        assertThat(outcomes(saga.orderId, "OrderConfirmed"))
                .extracting(r -> r.json().get("event_id").asString())
                .containsOnly(EventIds.about(saga.orderId, OrderConfirmed.class).toString());
        assertThat(watched(saga.orderId)).isTrue();

        send(Topics.INVENTORY_EVENTS, saga, saga.stockCommitted());
        awaitClosed(saga.orderId);
        int said = outcomes(saga.orderId, "OrderConfirmed").size();
        await().during(java.time.Duration.ofSeconds(3))
                .atMost(PATIENCE)
                .until(() -> outcomes(saga.orderId, "OrderConfirmed").size() == said);
    }

    @Test
    void a_capture_that_raced_a_rejection_brings_the_watch_back_until_the_refund_is_acknowledged() {
        var saga = new SagaScript();
        // A decision is published again from the saga's deadline on at the earliest: let that come in 10 s.
        saga.at(Instant.now().minusSeconds(20));
        send(Topics.ORDER_REQUESTS, saga, saga.orderRequested("h"));
        send(Topics.CUSTOMER_EVENTS, saga, saga.customerRejected());
        awaitOutcome(saga.orderId, "OrderRejected");
        // Nothing held anywhere: settled with the decision.
        awaitClosed(saga.orderId);

        // A capture nobody should have made shows up: the money must come back.
        send(Topics.PAYMENT_EVENTS, saga, saga.paymentCompleted());
        await().atMost(PATIENCE).until(() -> watched(saga.orderId));
        await().atMost(PATIENCE)
                .until(() -> outcomes(saga.orderId, "OrderRejected").size() >= 2);
        assertThat(store.find(saga.orderId).orElseThrow().status()).isEqualTo(REJECTED);

        send(Topics.PAYMENT_EVENTS, saga, saga.paymentRefunded());
        awaitClosed(saga.orderId);
    }

    @Test
    void the_same_request_again_is_answered_with_the_current_state() {
        var saga = new SagaScript();
        send(Topics.ORDER_REQUESTS, saga, saga.orderRequested("hash-1"));
        // the request must be recorded first: otherwise the validation may be recorded before it
        // (two topics, any order) and the last step would legitimately be OrderRequested
        awaitRequested(saga.orderId);
        send(Topics.CUSTOMER_EVENTS, saga, saga.customerValidated());
        awaitValidated(saga.orderId);

        send(Topics.ORDER_REQUESTS, saga, saga.orderRequested("hash-1"));
        String retryReplyId = EventIds.causedBy(UUID.fromString(saga.lastEventId()), OrderStatusChanged.class)
                .toString();

        JsonNode reply = awaitReply(
                saga.orderId, r -> retryReplyId.equals(r.get("event_id").asString()));
        assertThat(reply.get("status").asString()).isEqualTo("CUSTOMER_VALIDATED");
        assertThat(reply.get("request_hash").asString()).isEqualTo("hash-1");
        assertThat(reply.get("last_step").asString()).isEqualTo("CustomerValidated");
        assertThat(store.find(saga.orderId).orElseThrow().timeline()).hasSize(2);
    }

    @Test
    void another_request_under_a_known_order_id_gets_the_stored_hash_and_changes_nothing() {
        var saga = new SagaScript();
        send(Topics.ORDER_REQUESTS, saga, saga.orderRequested("hash-1"));
        awaitRequested(saga.orderId);

        String otherCustomer = SagaEvents.newCustomerId();
        send(
                Topics.ORDER_REQUESTS,
                saga,
                saga.orderRequested(
                        "hash-2", otherCustomer, "[{\"product_id\":\"" + SagaEvents.PRODUCT + "\",\"quantity\":9}]"));
        String replyId = EventIds.causedBy(UUID.fromString(saga.lastEventId()), OrderStatusChanged.class)
                .toString();

        JsonNode reply =
                awaitReply(saga.orderId, r -> replyId.equals(r.get("event_id").asString()));
        assertThat(reply.get("request_hash").asString()).isEqualTo("hash-1");
        assertThat(reply.get("customer_id").asString()).isEqualTo(saga.customerId);
        assertThat(reply.get("status").asString()).isEqualTo("PENDING");
        Order order = store.find(saga.orderId).orElseThrow();
        assertThat(order.requestHash()).isEqualTo("hash-1");
        assertThat(order.customerId()).isEqualTo(saga.customerId);
        assertThat(order.requestedLines()).hasSize(2);
        assertThat(order.timeline()).hasSize(1);
    }

    @Test
    void the_deadline_cancels_a_stuck_order_and_the_participants_are_told() {
        var saga = new SagaScript();
        saga.at(Instant.now().minusSeconds(60)); // the request was made longer ago than the 30 s deadline
        send(Topics.ORDER_REQUESTS, saga, saga.orderRequested("h"));
        send(Topics.CUSTOMER_EVENTS, saga, saga.customerValidated());

        JsonNode reply = awaitReply(saga.orderId, CANCELLED);
        assertThat(reply.get("reason").asString()).isEqualTo("SAGA_TIMEOUT");
        assertThat(reply.get("last_step").asString()).isEqualTo("OrderCancelled");
        JsonNode cancelled = awaitOutcome(saga.orderId, "OrderCancelled");
        assertThat(cancelled.get("reason").asString()).isEqualTo("SAGA_TIMEOUT");
        assertThat(cancelled.get("event_id").asString())
                .isEqualTo(EventIds.about(saga.orderId, OrderCancelled.class).toString());

        // A participant that answers late changes nothing about the decision, and is no news.
        saga.at(Instant.now());
        send(Topics.INVENTORY_EVENTS, saga, saga.stockReserved());
        awaitStored(saga.orderId, o -> "StockReserved".equals(o.lastStep()));
        assertThat(replies(saga.orderId))
                .extracting(r -> r.get("last_step").asString())
                .doesNotContain("StockReserved");
        assertThat(store.find(saga.orderId).orElseThrow().status()).isEqualTo(CANCELLED);
        assertThat(outcomes(saga.orderId, "OrderCancelled")).hasSize(1);
        assertThat(outcomes(saga.orderId, "OrderConfirmed")).isEmpty();
    }

    @Test
    void an_order_only_the_participants_know_of_is_cancelled_at_its_deadline_without_a_reply() {
        var saga = new SagaScript();
        saga.at(Instant.now().minusSeconds(60));
        send(Topics.CUSTOMER_EVENTS, saga, saga.customerValidated());

        assertThat(awaitOutcome(saga.orderId, "OrderCancelled").get("reason").asString())
                .isEqualTo("SAGA_TIMEOUT");
        assertThat(replies(saga.orderId)).isEmpty();

        // When the request finally comes, the gateway learns the decision.
        send(Topics.ORDER_REQUESTS, saga, saga.orderRequested("h"));
        JsonNode reply = awaitReply(saga.orderId, CANCELLED);
        assertThat(reply.get("reason").asString()).isEqualTo("SAGA_TIMEOUT");
        assertThat(reply.get("request_hash").asString()).isEqualTo("h");
    }

    /** A new order whose request and customer validation are sent (nothing awaited). */
    private static SagaScript requestedAndValidated() {
        var saga = new SagaScript();
        send(Topics.ORDER_REQUESTS, saga, saga.orderRequested("h"));
        send(Topics.CUSTOMER_EVENTS, saga, saga.customerValidated());
        return saga;
    }
}
