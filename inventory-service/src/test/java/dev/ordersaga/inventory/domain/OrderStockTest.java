package dev.ordersaga.inventory.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ordersaga.events.Event;
import dev.ordersaga.events.Money;
import dev.ordersaga.events.OrderLine;
import dev.ordersaga.events.PricedLine;
import dev.ordersaga.events.ReasonCode;
import dev.ordersaga.events.StockCommitted;
import dev.ordersaga.events.StockRejected;
import dev.ordersaga.events.StockReleased;
import dev.ordersaga.events.StockReserved;
import dev.ordersaga.testsupport.participant.SagaEvents;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The in-memory decisions of a batch: orders on one shelf see each other's holds; moves follow the holders. */
class OrderStockTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final String PRODUCT = "6849dd2a5b6717b8055f93a9";

    @Test
    void two_orders_of_one_batch_share_the_last_unit_one_gets_it_the_other_is_rejected() {
        Shelf shelf = new Shelf(List.of(product(1, Set.of())));
        OrderStock first = new OrderStock("o-1", null, shelf);
        OrderStock second = new OrderStock("o-2", null, shelf);

        assertThat(first.reserve(validated("o-1", 1), NOW)).isInstanceOf(StockReserved.class);
        assertThat(second.reserve(validated("o-2", 1), NOW))
                .isInstanceOfSatisfying(
                        StockRejected.class,
                        rejected -> assertThat(rejected.reason()).isEqualTo(ReasonCode.INSUFFICIENT_STOCK));

        assertThat(first.moves())
                .singleElement()
                .satisfies(move -> assertThat(move.heldAfter()).isTrue())
                .satisfies(move -> assertThat(move.available()).isEqualTo(-1));
        assertThat(second.moves()).isEmpty();
        assertThat(second.changed()).isTrue();
    }

    @Test
    void a_line_the_product_says_the_order_holds_is_not_held_again() {
        Shelf shelf = new Shelf(List.of(product(0, Set.of("o-1"))));
        OrderStock order = new OrderStock("o-1", null, shelf);

        assertThat(order.reserve(validated("o-1", 2), NOW)).isInstanceOf(StockReserved.class);

        assertThat(order.moves()).isEmpty();
        assertThat(order.reservation().status()).isEqualTo(ReservationStatus.RESERVED);
    }

    @Test
    void a_hold_given_back_in_the_same_batch_moves_nothing_and_a_sale_of_it_is_refused() {
        Shelf shelf = new Shelf(List.of(product(5, Set.of())));
        OrderStock released = new OrderStock("o-1", null, shelf);
        released.reserve(validated("o-1", 2), NOW);

        StockReleased outcome = (StockReleased)
                released.release("corr", ReasonCode.SAGA_TIMEOUT, NOW).orElseThrow();

        assertThat(outcome.lines()).singleElement().isEqualTo(new OrderLine(PRODUCT, 2));
        assertThat(released.moves()).isEmpty();
        OrderStock sold = new OrderStock("o-2", null, shelf);
        sold.reserve(validated("o-2", 1), NOW);
        assertThatThrownBy(() -> sold.commit("corr", NOW)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void a_reserved_order_sells_every_line_without_its_products_read_and_a_committed_one_sells_nothing_again() {
        OrderStock reserving = new OrderStock("o-1", null, new Shelf(List.of(product(5, Set.of()))));
        reserving.reserve(validated("o-1", 2), NOW);
        Reservation reserved = reserving.reservation();
        List<Event> confirmed = List.of(
                SagaEvents.orderConfirmed("o-1", "c-1", List.of(new PricedLine(PRODUCT, 2, Money.of("4.00", "EUR")))));
        assertThat(OrderStock.sellsUnread(reserved, confirmed)).isTrue();
        assertThat(OrderStock.sellsUnread(reserved, List.of(validated("o-1", 2))))
                .isFalse();
        assertThat(OrderStock.sellsUnread(null, confirmed)).isFalse();

        OrderStock sold = new OrderStock("o-1", reserved, Shelf.empty());
        assertThat(sold.commit("corr", NOW)).get().isInstanceOf(StockCommitted.class);
        assertThat(sold.moves()).singleElement().satisfies(move -> {
            assertThat(move.heldBefore()).isTrue();
            assertThat(move.heldAfter()).isFalse();
            assertThat(move.reserved()).isEqualTo(-2);
            assertThat(move.sold()).isEqualTo(2);
        });

        Reservation committed = sold.reservation();
        assertThat(committed.status()).isEqualTo(ReservationStatus.COMMITTED);
        assertThat(OrderStock.sellsUnread(committed, confirmed)).isTrue();
        OrderStock again = new OrderStock("o-1", committed, Shelf.empty());
        assertThat(again.commit("corr", NOW)).get().isInstanceOf(StockCommitted.class);
        assertThat(again.moves()).isEmpty();
    }

    @Test
    void a_released_order_is_not_sold_unread() {
        OrderStock order = new OrderStock("o-1", null, new Shelf(List.of(product(5, Set.of()))));
        order.reserve(validated("o-1", 2), NOW);
        order.release("corr", ReasonCode.PAYMENT_DECLINED, NOW);
        List<Event> confirmed = List.of(
                SagaEvents.orderConfirmed("o-1", "c-1", List.of(new PricedLine(PRODUCT, 2, Money.of("4.00", "EUR")))));

        assertThat(OrderStock.sellsUnread(order.reservation(), confirmed)).isFalse();
    }

    private static dev.ordersaga.events.CustomerValidated validated(String order, int quantity) {
        return SagaEvents.customerValidated(order, "c-1", List.of(new OrderLine(PRODUCT, quantity)));
    }

    private static Product product(long available, Set<String> holders) {
        long held = holders.isEmpty() ? 0 : 2;
        return new Product(
                PRODUCT,
                "SKU-1",
                "Book",
                null,
                Price.of(Money.of("4.00", "EUR")),
                true,
                new Stock(available, held, 0),
                available + held,
                holders,
                NOW,
                NOW);
    }
}
