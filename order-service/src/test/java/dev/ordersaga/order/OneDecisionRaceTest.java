package dev.ordersaga.order;

import static dev.ordersaga.events.OrderStatus.STOCK_RESERVED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ordersaga.events.Topics;
import dev.ordersaga.order.domain.Order;
import dev.ordersaga.testsupport.KafkaTestClient.Received;
import dev.ordersaga.testsupport.TestJwks;
import dev.ordersaga.testsupport.participant.SagaScript;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.RepeatedTest;

/**
 * The three ways an order can be decided, racing: the payment's answer on the saga runtime (with
 * the order cached in memory), the owner's cancel request, and the deadline sweep. Whoever wins,
 * there is exactly one decision, it is the one stored, and the cached copy of the loser does not
 * overwrite it.
 */
class OneDecisionRaceTest extends OrderServiceTestBase {

    private static final Map<String, String> OUTCOME_OF =
            Map.of("CONFIRMED", "OrderConfirmed", "CANCELLED", "OrderCancelled", "REJECTED", "OrderRejected");

    @RepeatedTest(4)
    void payment_cancel_request_and_deadline_racing_give_exactly_one_decision() throws Exception {
        var saga = new SagaScript();
        // The deadline falls due about now, so the sweep joins the race.
        saga.at(Instant.now().minusSeconds(29));
        send(Topics.ORDER_REQUESTS, saga, saga.orderRequested("h"));
        send(Topics.CUSTOMER_EVENTS, saga, saga.customerValidated());
        send(Topics.INVENTORY_EVENTS, saga, saga.stockReserved());
        awaitReply(saga.orderId, STOCK_RESERVED);

        String owner = TestJwks.get().customerToken("user-" + saga.customerId, saga.customerId);
        var cancel = CompletableFuture.supplyAsync(() -> {
            try {
                return post("/api/orders/" + saga.orderId + "/cancel", owner).statusCode();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        send(Topics.PAYMENT_EVENTS, saga, saga.paymentCompleted());
        assertThat(cancel.get()).isIn(200, 409);

        Order decided = awaitStored(saga.orderId, Order::isTerminal);
        // Give the losers time to publish what they (wrongly) might.
        await().pollDelay(Duration.ofSeconds(3)).atMost(PATIENCE).until(() -> true);
        List<Received> decisions = kafka.records(Topics.ORDER_EVENTS, saga.orderId).stream()
                .filter(r -> OUTCOME_OF.containsValue(r.type()))
                .toList();
        Order stored = store.find(saga.orderId).orElseThrow();
        assertThat(stored.status()).isEqualTo(decided.status());
        assertThat(Set.copyOf(decisions.stream().map(Received::type).toList()))
                .as("one kind of decision, the stored one")
                .containsExactly(OUTCOME_OF.get(stored.status().name()));
        // A repeat of the same decision (same id) is allowed; two different ids are not.
        assertThat(Set.copyOf(decisions.stream()
                        .map(r -> r.json().get("event_id").asString())
                        .toList()))
                .hasSize(1);
        assertThat(stored.timeline().stream().map(entry -> entry.type()).filter(OUTCOME_OF::containsValue))
                .containsExactly(OUTCOME_OF.get(stored.status().name()));
    }
}
