package dev.ordersaga.console.orders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.console.shop.ShopViews.Order;
import dev.ordersaga.console.shop.ShopViews.TimelineEntry;
import dev.ordersaga.events.OrderStatus;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SagaViewTest {

    @Test
    void a_declined_order_shows_its_steps_in_time_order_its_release_and_its_decision_and_waits_for_nothing() {
        SagaView saga = SagaView.of(order(
                OrderStatus.REJECTED,
                step("OrderRejected", 5, "order-service"),
                step("StockReserved", 2, "inventory-service"),
                step("OrderRequested", 0, "gateway"),
                step("PaymentFailed", 3, "payment-service"),
                step("StockReleased", 4, "inventory-service")));

        assertThat(saga.steps())
                .extracting(TimelineEntry::type)
                .containsExactly("OrderRequested", "StockReserved", "PaymentFailed", "StockReleased", "OrderRejected");
        assertThat(saga.compensations()).extracting(TimelineEntry::type).containsExactly("StockReleased");
        assertThat(saga.decision().type()).isEqualTo("OrderRejected");
        assertThat(saga.waitingFor()).isEmpty();
        assertThat(saga.running()).isFalse();
    }

    @Test
    void a_cancelled_order_still_holding_stock_and_money_waits_for_both_acknowledgements() {
        SagaView saga = SagaView.of(order(
                OrderStatus.CANCELLED,
                step("StockReserved", 1, "inventory-service"),
                step("PaymentCompleted", 2, "payment-service"),
                step("OrderCancelled", 3, "order-service")));

        assertThat(saga.waitingFor())
                .containsExactly("inventory-service: StockReleased", "payment-service: PaymentRefunded");
        assertThat(saga.running())
                .as("decided but not settled: the page keeps refreshing")
                .isTrue();
    }

    @Test
    void a_confirmed_order_waits_for_the_commit_only_until_it_comes() {
        assertThat(SagaView.waitingFor(OrderStatus.CONFIRMED, Set.of("StockReserved", "PaymentCompleted")))
                .containsExactly("inventory-service: StockCommitted");
        assertThat(SagaView.waitingFor(OrderStatus.CONFIRMED, Set.of("StockCommitted")))
                .isEmpty();
    }

    @Test
    void every_undecided_status_names_the_participant_it_waits_for() {
        Arrays.stream(OrderStatus.values())
                .filter(s -> !s.terminal())
                .forEach(s -> assertThat(SagaView.waitingFor(s, Set.of()))
                        .as(s.name())
                        .singleElement()
                        .asString()
                        .contains("-service:"));
        assertThat(SagaView.waitingFor(OrderStatus.STOCK_RESERVED, Set.of()))
                .containsExactly("payment-service: PaymentCompleted or PaymentFailed");
    }

    private static TimelineEntry step(String type, int second, String service) {
        return new TimelineEntry(type, Instant.parse("2026-12-06T08:00:00Z").plusSeconds(second), service, type);
    }

    private static Order order(OrderStatus status, TimelineEntry... steps) {
        return new Order(
                "o-1",
                status,
                "c-1",
                "u-1",
                List.of(),
                null,
                "credit_card",
                null,
                null,
                null,
                List.of(),
                null,
                List.of(steps),
                null,
                null,
                null,
                null,
                null);
    }
}
