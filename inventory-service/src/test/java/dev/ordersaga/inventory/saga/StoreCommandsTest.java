package dev.ordersaga.inventory.saga;

import static dev.ordersaga.inventory.saga.InMemoryStore.PRICE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.events.OrderLine;
import dev.ordersaga.events.PricedLine;
import dev.ordersaga.events.ReasonCode;
import dev.ordersaga.events.StockReserved;
import dev.ordersaga.testsupport.participant.ParticipantHarness;
import dev.ordersaga.testsupport.participant.SagaEvents;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * How many store commands inventory's steps send, counted on the wire to an in-memory store: a
 * batch of orders costs one read per collection to load and one bulk write per collection to store,
 * whatever its size; a batch of confirmations reads no product.
 */
class StoreCommandsTest {

    private static final int ORDERS = 10;
    private static final InMemoryStore store = new InMemoryStore();

    @AfterAll
    static void stop() {
        store.close();
    }

    @Test
    void a_batch_of_orders_costs_one_read_and_one_write_per_collection() {
        var saga = ParticipantHarness.of(store.steps());
        String first = store.product(100);
        String second = store.product(100);
        List<String> orders = IntStream.range(0, ORDERS)
                .mapToObj(i -> SagaEvents.newOrderId())
                .toList();

        Map<String, Integer> reserve = store.counted(() -> saga.deliverTogether(orders.stream()
                .map(order -> SagaEvents.customerValidated(
                        order, SagaEvents.newCustomerId(), List.of(new OrderLine(first, 1), new OrderLine(second, 2))))
                .toList()));
        assertThat(saga.published()).hasSize(ORDERS).allMatch(StockReserved.class::isInstance);
        Map<String, Integer> confirm = store.counted(() -> saga.deliverTogether(orders.subList(0, ORDERS / 2).stream()
                .map(order -> SagaEvents.orderConfirmed(
                        order, "c", List.of(new PricedLine(first, 1, PRICE), new PricedLine(second, 2, PRICE))))
                .toList()));
        Map<String, Integer> release =
                store.counted(() -> saga.deliverTogether(orders.subList(ORDERS / 2, ORDERS).stream()
                        .map(order -> SagaEvents.orderCancelled(order, ReasonCode.SAGA_TIMEOUT))
                        .toList()));

        System.out.printf(
                "store commands for %d orders of 2 lines in one batch: reserve %s, confirm %d: %s, release %d: %s%n",
                ORDERS, reserve, ORDERS / 2, confirm, ORDERS / 2, release);
        assertThat(saga.published()).hasSize(2 * ORDERS);
        assertThat(store.stock(first)).containsExactly(95, 0, 5);
        assertThat(store.stock(second)).containsExactly(90, 0, 10);
        assertThat(reserve)
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "find reservations", 1, "find products", 1, "insert reservations", 1, "update products", 1));
        // a confirmation of reserved orders sells every line without reading the products: the sale's guard judges it
        assertThat(confirm)
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("find reservations", 1, "update reservations", 1, "update products", 1));
        assertThat(release)
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "find reservations", 1, "find products", 1, "update reservations", 1, "update products", 1));
    }

    /**
     * As the service runs ({@code saga.runtime.cache-states}): the reservations this instance stored
     * stay in memory, so a confirmation reads nothing and a release only the products (others move them).
     */
    @Test
    void a_caching_runtime_does_not_read_again_the_reservations_it_stored() {
        var saga = ParticipantHarness.of(store.steps(), 100);
        String product = store.product(100);
        List<String> orders =
                IntStream.range(0, 2).mapToObj(i -> SagaEvents.newOrderId()).toList();
        Map<String, Integer> reserve = store.counted(() -> saga.deliverTogether(orders.stream()
                .map(order -> SagaEvents.customerValidated(
                        order, SagaEvents.newCustomerId(), List.of(new OrderLine(product, 3))))
                .toList()));

        Map<String, Integer> confirm = store.counted(() -> saga.deliver(
                SagaEvents.orderConfirmed(orders.get(0), "c", List.of(new PricedLine(product, 3, PRICE)))));
        Map<String, Integer> release =
                store.counted(() -> saga.deliver(SagaEvents.paymentFailed(orders.get(1), ReasonCode.PAYMENT_DECLINED)));

        assertThat(reserve)
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "find reservations", 1, "find products", 1, "insert reservations", 1, "update products", 1));
        assertThat(confirm).containsExactlyInAnyOrderEntriesOf(Map.of("update reservations", 1, "update products", 1));
        assertThat(release)
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("find products", 1, "update reservations", 1, "update products", 1));
        assertThat(saga.read()).containsExactlyInAnyOrderElementsOf(orders);
        assertThat(store.stock(product)).containsExactly(97, 0, 3);
    }
}
