package dev.ordersaga.inventory.saga;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.events.Event;
import dev.ordersaga.events.Money;
import dev.ordersaga.events.OrderLine;
import dev.ordersaga.events.PricedLine;
import dev.ordersaga.events.ReasonCode;
import dev.ordersaga.events.Topics;
import dev.ordersaga.inventory.InventoryIntegrationTest;
import dev.ordersaga.inventory.domain.OrderStock;
import dev.ordersaga.inventory.store.OrderStocks;
import dev.ordersaga.inventory.store.ProductStock;
import dev.ordersaga.testsupport.participant.SagaEvents;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * A crash at each point of a step, simulated by leaving the database exactly as the code leaves it
 * at that point (the step decided with the service's own components, and only some of its writes
 * made), then delivering the event again as Kafka would after the restart. The outcome must be the
 * one a crash-free run gives, and no stock move may happen twice.
 */
class CrashRecoveryTest extends InventoryIntegrationTest {

    @Autowired
    InventorySteps steps;

    @Autowired
    OrderStocks orders;

    @Autowired
    ProductStock stock;

    @Test
    void a_crash_after_the_stock_moves_before_the_reservation_was_written_does_not_hold_twice() {
        String first = product(10, "3.00");
        String second = product(10, "5.00");
        String order = newOrderId();
        crashAfterMoving(validatedEvent(order, first, second), first, second);

        validated(order, line(first, 2), line(second, 1));

        JsonNode reserved = outcome(order, "StockReserved");
        assertThat(amount(reserved.get("total"))).isEqualByComparingTo("11.00");
        assertThat(reserved.get("lines")).hasSize(2);
        assertThat(stock(first)).containsExactly(8, 2, 0);
        assertThat(stock(second)).containsExactly(9, 1, 0);
        assertThat(invariants().get("ok").asBoolean()).isTrue();
    }

    @Test
    void a_crash_after_the_first_product_moved_resumes_with_the_second() {
        String first = product(10, "3.00");
        String second = product(10, "5.00");
        String order = newOrderId();
        crashAfterMoving(validatedEvent(order, first, second), first);

        validated(order, line(first, 2), line(second, 1));

        assertThat(amount(outcome(order, "StockReserved").get("total"))).isEqualByComparingTo("11.00");
        assertThat(stock(first)).containsExactly(8, 2, 0);
        assertThat(stock(second)).containsExactly(9, 1, 0);
    }

    @Test
    void a_crash_after_the_first_product_moved_when_the_second_ran_short_since_ends_with_nothing_held() {
        String first = product(10, "3.00");
        String second = product(10, "5.00");
        String order = newOrderId();
        crashAfterMoving(validatedEvent(order, first, second), first);
        assertThat(stock.adjust(second, -10, Instant.now())).isPresent();
        String event = customerValidated(order, line(first, 2), line(second, 1));

        publish(Topics.CUSTOMER_EVENTS, order, event);
        publish(Topics.CUSTOMER_EVENTS, order, event);

        List<JsonNode> rejected = outcomes(order, "StockRejected", 2);
        assertThat(rejected.get(1).get("event_id")).isEqualTo(rejected.get(0).get("event_id"));
        assertThat(rejected.get(0).get("reason").asString()).isEqualTo("INSUFFICIENT_STOCK");
        assertThat(rejected.get(0).get("product_ids").get(0).asString()).isEqualTo(second);
        assertThat(stock(first)).containsExactly(10, 0, 0);
        assertThat(stock(second)).containsExactly(0, 0, 0);
    }

    @Test
    void a_crash_in_the_middle_of_a_release_is_finished_by_the_redelivery_without_giving_back_twice() {
        String first = product(10, "3.00");
        String second = product(10, "5.00");
        String order = newOrderId();
        validated(order, line(first, 2), line(second, 1));
        outcome(order, "StockReserved");
        crashAfterMoving(SagaEvents.paymentFailed(order, ReasonCode.PAYMENT_DECLINED), first);
        assertThat(stock(first)).containsExactly(10, 0, 0);

        publish(Topics.PAYMENT_EVENTS, order, paymentFailed(order, "PAYMENT_DECLINED"));

        JsonNode released = outcome(order, "StockReleased");
        assertThat(released.get("lines")).hasSize(2);
        assertThat(stock(first)).containsExactly(10, 0, 0);
        assertThat(stock(second)).containsExactly(10, 0, 0);
    }

    @Test
    void a_crash_in_the_middle_of_a_commit_is_finished_by_the_redelivery_without_selling_twice() {
        String first = product(10, "3.00");
        String second = product(10, "5.00");
        String order = newOrderId();
        validated(order, line(first, 2), line(second, 1));
        JsonNode reserved = outcome(order, "StockReserved");
        Money eur = Money.of("3.00", "EUR");
        crashAfterMoving(
                SagaEvents.orderConfirmed(
                        order, CUSTOMER, List.of(new PricedLine(first, 2, eur), new PricedLine(second, 1, eur))),
                first);
        assertThat(stock(first)).containsExactly(8, 0, 2);

        publish(Topics.ORDER_EVENTS, order, orderConfirmed(order, reserved));

        outcome(order, "StockCommitted");
        assertThat(stock(first)).containsExactly(8, 0, 2);
        assertThat(stock(second)).containsExactly(9, 0, 1);
    }

    @Test
    void a_cancellation_that_overtakes_a_reservation_cut_short_by_a_crash_refuses_it_and_gives_the_stock_back() {
        String first = product(10, "3.00");
        String second = product(10, "5.00");
        String order = newOrderId();
        crashAfterMoving(validatedEvent(order, first, second), first, second);

        publish(Topics.ORDER_EVENTS, order, orderCancelled(order, "SAGA_TIMEOUT"));
        assertThat(outcome(order, "StockReleased").get("lines")).isEmpty();

        validated(order, line(first, 2), line(second, 1));

        JsonNode rejected = outcome(order, "StockRejected");
        assertThat(rejected.get("reason").asString()).isEqualTo("ORDER_ALREADY_TERMINAL");
        assertThat(stock(first)).containsExactly(10, 0, 0);
        assertThat(stock(second)).containsExactly(10, 0, 0);
        assertThat(invariants().get("ok").asBoolean()).isTrue();
    }

    /** 2 of the first product and 1 of the second, as customer-service says it. */
    private static Event validatedEvent(String order, String first, String second) {
        return SagaEvents.customerValidated(
                order, CUSTOMER, List.of(new OrderLine(first, 2), new OrderLine(second, 1)));
    }

    /**
     * The step decides the event as the service does, then only the stock moves of these products
     * are written (a crash during or after the bulk write of the products, before the reservations').
     */
    private void crashAfterMoving(Event event, String... moved) {
        OrderStock order = orders.load(Map.of(event.key(), List.of(event))).get(event.key());
        steps.apply(event, order);
        Set<String> products = Set.of(moved);
        assertThat(stock.move(order.moves().stream()
                        .filter(move -> products.contains(move.productId()))
                        .toList()))
                .isEmpty();
    }
}
