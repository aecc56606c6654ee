package dev.ordersaga.inventory.saga;

import static dev.ordersaga.testsupport.participant.SagaJson.orderCancelled;
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
import org.junit.jupiter.api.BeforeEach;
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

    /** Every test: an order of 2 of the first product and 1 of the second, 10 of each in stock. */
    String first;

    String second;
    String order;

    @BeforeEach
    void newOrderOfTwoProducts() {
        first = product(10, "3.00");
        second = product(10, "5.00");
        order = newOrderId();
    }

    @Test
    void a_crash_after_the_stock_moves_before_the_reservation_was_written_does_not_hold_twice() {
        crashAfterMoving(validatedEvent(), first, second);

        JsonNode reserved = reserved(order, lines());

        assertThat(amount(reserved.get("total"))).isEqualByComparingTo("11.00");
        assertThat(reserved.get("lines")).hasSize(2);
        assertStock(first, 8, 2, 0);
        assertStock(second, 9, 1, 0);
        assertThat(invariants().get("ok").asBoolean()).isTrue();
    }

    @Test
    void a_crash_after_the_first_product_moved_resumes_with_the_second() {
        crashAfterMoving(validatedEvent(), first);

        assertThat(amount(reserved(order, lines()).get("total"))).isEqualByComparingTo("11.00");
        assertStock(first, 8, 2, 0);
        assertStock(second, 9, 1, 0);
    }

    @Test
    void a_crash_after_the_first_product_moved_when_the_second_ran_short_since_ends_with_nothing_held() {
        crashAfterMoving(validatedEvent(), first);
        assertThat(stock.adjust(second, -10, Instant.now())).isPresent();

        List<JsonNode> rejected =
                twice(Topics.CUSTOMER_EVENTS, order, customerValidated(order, lines()), "StockRejected");

        assertThat(reason(rejected.get(0))).isEqualTo("INSUFFICIENT_STOCK");
        assertThat(rejected.get(0).get("product_ids").get(0).asString()).isEqualTo(second);
        assertStock(first, 10, 0, 0);
        assertStock(second, 0, 0, 0);
    }

    @Test
    void a_crash_in_the_middle_of_a_release_is_finished_by_the_redelivery_without_giving_back_twice() {
        reserved(order, lines());
        crashAfterMoving(SagaEvents.paymentFailed(order, ReasonCode.PAYMENT_DECLINED), first);
        assertStock(first, 10, 0, 0);

        JsonNode released =
                answer(Topics.PAYMENT_EVENTS, order, paymentFailed(order, "PAYMENT_DECLINED"), "StockReleased");

        assertThat(released.get("lines")).hasSize(2);
        assertStock(first, 10, 0, 0);
        assertStock(second, 10, 0, 0);
    }

    @Test
    void a_crash_in_the_middle_of_a_commit_is_finished_by_the_redelivery_without_selling_twice() {
        JsonNode reserved = reserved(order, lines());
        Money eur = Money.of("3.00", "EUR");
        crashAfterMoving(
                SagaEvents.orderConfirmed(
                        order, CUSTOMER, List.of(new PricedLine(first, 2, eur), new PricedLine(second, 1, eur))),
                first);
        assertStock(first, 8, 0, 2);

        answer(Topics.ORDER_EVENTS, order, orderConfirmed(order, reserved), "StockCommitted");

        assertStock(first, 8, 0, 2);
        assertStock(second, 9, 0, 1);
    }

    @Test
    void a_cancellation_that_overtakes_a_reservation_cut_short_by_a_crash_refuses_it_and_gives_the_stock_back() {
        crashAfterMoving(validatedEvent(), first, second);

        JsonNode released = answer(Topics.ORDER_EVENTS, order, orderCancelled(order, "SAGA_TIMEOUT"), "StockReleased");
        assertThat(released.get("lines")).isEmpty();

        rejected(order, "ORDER_ALREADY_TERMINAL", lines());

        assertStock(first, 10, 0, 0);
        assertStock(second, 10, 0, 0);
        assertThat(invariants().get("ok").asBoolean()).isTrue();
    }

    private Line[] lines() {
        return new Line[] {line(first, 2), line(second, 1)};
    }

    /** The order, as customer-service says it. */
    private Event validatedEvent() {
        return SagaEvents.customerValidated(
                order, CUSTOMER, List.of(new OrderLine(first, 2), new OrderLine(second, 1)));
    }

    /**
     * The step decides the event as the service does, then only the stock moves of these products
     * are written (a crash during or after the bulk write of the products, before the reservations').
     */
    private void crashAfterMoving(Event event, String... moved) {
        OrderStock order =
                orders.load(Map.of(event.key(), List.of(event)), Map.of()).get(event.key());
        steps.apply(event, order);
        Set<String> products = Set.of(moved);
        assertThat(stock.move(order.moves().stream()
                        .filter(move -> products.contains(move.productId()))
                        .toList()))
                .isEmpty();
    }
}
