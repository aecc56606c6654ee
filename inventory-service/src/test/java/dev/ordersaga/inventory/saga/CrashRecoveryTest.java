package dev.ordersaga.inventory.saga;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.events.OrderLine;
import dev.ordersaga.events.ReasonCode;
import dev.ordersaga.events.Topics;
import dev.ordersaga.inventory.InventoryIntegrationTest;
import dev.ordersaga.inventory.domain.Product;
import dev.ordersaga.inventory.domain.Reservation;
import dev.ordersaga.inventory.store.ProductStock;
import dev.ordersaga.inventory.store.Reservations;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * A crash at each point of a step, simulated by leaving the database exactly as the code leaves it
 * at that point (with the same components the service uses), then delivering the event again as
 * Kafka would after the restart. The outcome must be the one a crash-free run gives, and no stock
 * move may happen twice.
 */
class CrashRecoveryTest extends InventoryIntegrationTest {

    @Autowired
    Reservations reservations;

    @Autowired
    ProductStock stock;

    @Test
    void a_crash_after_the_first_line_was_held_and_marked_resumes_with_the_second() {
        String first = product(10, "3.00");
        String second = product(10, "5.00");
        String order = newOrderId();
        Reservation reservation = opened(order, first, 2, second, 1);
        Product held = stock.hold(first, order, 2).orElseThrow();
        reservation.lineApplied(first, held.price().toMoney());
        reservations.save(reservation);

        validated(order, line(first, 2), line(second, 1));

        JsonNode reserved = outcome(order, "StockReserved");
        assertThat(amount(reserved.get("total"))).isEqualByComparingTo("11.00");
        assertThat(reserved.get("lines")).hasSize(2);
        assertThat(stock(first)).containsExactly(8, 2, 0);
        assertThat(stock(second)).containsExactly(9, 1, 0);
    }

    @Test
    void a_crash_after_the_first_line_was_held_but_before_it_was_marked_does_not_hold_it_twice() {
        String first = product(10, "3.00");
        String second = product(10, "5.00");
        String order = newOrderId();
        opened(order, first, 2, second, 1);
        stock.hold(first, order, 2).orElseThrow();

        validated(order, line(first, 2), line(second, 1));

        JsonNode reserved = outcome(order, "StockReserved");
        assertThat(amount(reserved.get("total"))).isEqualByComparingTo("11.00");
        assertThat(stock(first)).containsExactly(8, 2, 0);
        assertThat(stock(second)).containsExactly(9, 1, 0);
        assertThat(invariants().get("ok").asBoolean()).isTrue();
    }

    @Test
    void a_crash_after_the_first_line_when_the_second_is_short_ends_with_nothing_held() {
        String first = product(10, "3.00");
        String second = product(0, "5.00");
        String order = newOrderId();
        Reservation reservation = opened(order, first, 2, second, 1);
        Product held = stock.hold(first, order, 2).orElseThrow();
        reservation.lineApplied(first, held.price().toMoney());
        reservations.save(reservation);

        validated(order, line(first, 2), line(second, 1));

        JsonNode rejected = outcome(order, "StockRejected");
        assertThat(rejected.get("reason").asString()).isEqualTo("INSUFFICIENT_STOCK");
        assertThat(rejected.get("product_ids").get(0).asString()).isEqualTo(second);
        assertThat(stock(first)).containsExactly(10, 0, 0);
        assertThat(stock(second)).containsExactly(0, 0, 0);
    }

    @Test
    void a_crash_after_deciding_the_rejection_but_before_giving_back_gives_back_exactly_once() {
        String first = product(10, "3.00");
        String second = product(0, "5.00");
        String order = newOrderId();
        Reservation reservation = opened(order, first, 2, second, 1);
        Product held = stock.hold(first, order, 2).orElseThrow();
        reservation.lineApplied(first, held.price().toMoney());
        reservation.reject(ReasonCode.INSUFFICIENT_STOCK, List.of(second), "Not enough in stock.", now());
        reservations.save(reservation);
        String event = customerValidated(order, line(first, 2), line(second, 1));

        publish(Topics.CUSTOMER_EVENTS, order, event);
        publish(Topics.CUSTOMER_EVENTS, order, event);

        List<JsonNode> rejected = outcomes(order, "StockRejected", 2);
        assertThat(rejected.get(1).get("event_id")).isEqualTo(rejected.get(0).get("event_id"));
        assertThat(rejected.get(0).get("product_ids").get(0).asString()).isEqualTo(second);
        assertThat(stock(first)).containsExactly(10, 0, 0);
    }

    @Test
    void a_crash_in_the_middle_of_a_release_is_finished_by_the_redelivery_without_giving_back_twice() {
        String first = product(10, "3.00");
        String second = product(10, "5.00");
        String order = newOrderId();
        validated(order, line(first, 2), line(second, 1));
        outcome(order, "StockReserved");
        Reservation reservation = reservations.get(order);
        reservation.release(ReasonCode.PAYMENT_DECLINED, now());
        reservations.save(reservation);
        stock.giveBack(first, order, 2);

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
        Reservation reservation = reservations.get(order);
        reservation.commit(now());
        reservations.save(reservation);
        stock.sell(first, order, 2);

        publish(Topics.ORDER_EVENTS, order, orderConfirmed(order, reserved));

        outcome(order, "StockCommitted");
        assertThat(stock(first)).containsExactly(8, 0, 2);
        assertThat(stock(second)).containsExactly(9, 0, 1);
    }

    @Test
    void a_cancellation_that_overtakes_an_unfinished_reservation_releases_it_and_the_reservation_is_refused() {
        String first = product(10, "3.00");
        String second = product(10, "5.00");
        String order = newOrderId();
        Reservation reservation = opened(order, first, 2, second, 1);
        Product held = stock.hold(first, order, 2).orElseThrow();
        reservation.lineApplied(first, held.price().toMoney());
        reservations.save(reservation);

        publish(Topics.ORDER_EVENTS, order, orderCancelled(order, "SAGA_TIMEOUT"));
        JsonNode released = outcome(order, "StockReleased");
        assertThat(released.get("lines")).hasSize(1);
        assertThat(stock(first)).containsExactly(10, 0, 0);

        validated(order, line(first, 2), line(second, 1));

        JsonNode rejected = outcome(order, "StockRejected");
        assertThat(rejected.get("reason").asString()).isEqualTo("ORDER_ALREADY_TERMINAL");
        assertThat(stock(first)).containsExactly(10, 0, 0);
        assertThat(stock(second)).containsExactly(10, 0, 0);
    }

    /** The reservation document as the service writes it first, before any stock moves. */
    private Reservation opened(String order, String first, int firstQuantity, String second, int secondQuantity) {
        return reservations.insertOrGet(Reservation.open(
                order,
                CUSTOMER,
                "credit_card",
                "corr-" + order,
                List.of(new OrderLine(first, firstQuantity), new OrderLine(second, secondQuantity)),
                now()));
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
