package dev.ordersaga.inventory.saga;

import static dev.ordersaga.testsupport.participant.SagaJson.orderCancelled;
import static dev.ordersaga.testsupport.participant.SagaJson.orderRejected;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.events.Topics;
import dev.ordersaga.inventory.InventoryIntegrationTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The saga steps of inventory, driven through Kafka by the JSON the other services publish. */
class ReservationSagaTest extends InventoryIntegrationTest {

    @Test
    void a_validated_order_is_reserved_at_catalog_prices_and_its_stock_is_held() {
        String book = product(10, "12.50");
        String pen = product(5, "1.99");
        String order = newOrderId();

        JsonNode reserved = reserved(order, line(book, 2), line(pen, 3));

        assertThat(reserved.get("lines")).hasSize(2);
        assertThat(reserved.get("lines").get(0).get("product_id").asString()).isEqualTo(book);
        assertThat(amount(reserved.get("lines").get(0).get("unit_price"))).isEqualByComparingTo("12.50");
        assertThat(amount(reserved.get("total"))).isEqualByComparingTo("30.97");
        assertThat(reserved.get("total").get("currency").asString()).isEqualTo("EUR");
        assertThat(reserved.get("customer_id").asString()).isEqualTo(CUSTOMER);
        assertThat(reserved.get("payment_method").asString()).isEqualTo("credit_card");
        assertThat(reserved.get("correlation_id").asString()).isEqualTo("corr-" + order);
        assertStock(book, 8, 2, 0);
        assertStock(pen, 2, 3, 0);
        assertThat(invariants().get("ok").asBoolean()).isTrue();
    }

    @Test
    void a_multi_line_order_whose_second_product_is_short_reserves_nothing_of_either() {
        String plenty = product(10, "5.00");
        String scarce = product(1, "7.00");
        String order = newOrderId();

        JsonNode rejected = rejected(order, "INSUFFICIENT_STOCK", line(plenty, 3), line(scarce, 2));

        assertThat(rejected.get("product_ids").valueStream().map(JsonNode::asString))
                .containsExactly(scarce);
        assertStock(plenty, 10, 0, 0);
        assertStock(scarce, 1, 0, 0);
        assertThat(allOutcomes(order)).hasSize(1);
    }

    @Test
    void an_unknown_product_is_rejected_as_not_found_and_nothing_is_held() {
        String known = product(10, "5.00");
        String unknown = "0123456789abcdef01234567";

        rejectedFor(unknown, "PRODUCT_NOT_FOUND", line(known, 1), line(unknown, 1));

        assertStock(known, 10, 0, 0);
    }

    @Test
    void an_inactive_product_is_rejected_as_inactive() {
        String retired = product(10, "5.00", "EUR", false);

        rejectedFor(retired, "PRODUCT_INACTIVE", line(retired, 1));

        assertStock(retired, 10, 0, 0);
    }

    @Test
    void lines_priced_in_two_currencies_are_rejected_and_nothing_is_held() {
        String euro = product(10, "5.00", "EUR", true);
        String dollar = product(10, "6.00", "USD", true);

        rejectedFor(dollar, "CURRENCY_MISMATCH", line(euro, 1), line(dollar, 1));

        assertStock(euro, 10, 0, 0);
        assertStock(dollar, 10, 0, 0);
    }

    @Test
    void two_lines_for_one_product_are_merged_so_together_they_cannot_take_more_than_there_is() {
        String product = product(3, "2.00");

        rejected(newOrderId(), "INSUFFICIENT_STOCK", line(product, 2), line(product, 2));
        assertStock(product, 3, 0, 0);

        JsonNode reserved = reserved(newOrderId(), line(product, 1), line(product, 2));

        assertThat(reserved.get("lines")).hasSize(1);
        assertThat(reserved.get("lines").get(0).get("quantity").asInt()).isEqualTo(3);
        assertThat(amount(reserved.get("total"))).isEqualByComparingTo("6.00");
        assertStock(product, 0, 3, 0);
    }

    @Test
    void a_duplicated_customer_validated_reserves_once_and_re_emits_the_same_outcome() {
        String product = product(10, "4.00");
        String order = newOrderId();

        List<JsonNode> reserved =
                twice(Topics.CUSTOMER_EVENTS, order, customerValidated(order, line(product, 4)), "StockReserved");

        assertThat(reserved.get(1)).isEqualTo(reserved.get(0));
        assertStock(product, 6, 4, 0);
    }

    @Test
    void a_failed_payment_puts_the_stock_back_once_even_when_the_event_is_duplicated() {
        String product = product(10, "4.00");
        String other = product(10, "1.00");
        String order = newOrderId();
        reserved(order, line(product, 4), line(other, 1));

        List<JsonNode> released =
                twice(Topics.PAYMENT_EVENTS, order, paymentFailed(order, "PAYMENT_DECLINED"), "StockReleased");

        assertThat(reason(released.get(0))).isEqualTo("PAYMENT_DECLINED");
        assertThat(released.get(0).get("lines")).hasSize(2);
        assertStock(product, 10, 0, 0);
        assertStock(other, 10, 0, 0);
        assertThat(status(order)).isEqualTo("RELEASED");
    }

    @Test
    void a_confirmed_order_sells_its_stock_once_even_when_the_event_is_duplicated() {
        String product = product(10, "4.00");
        String order = newOrderId();
        JsonNode reserved = reserved(order, line(product, 3));

        List<JsonNode> committed = twice(Topics.ORDER_EVENTS, order, orderConfirmed(order, reserved), "StockCommitted");

        assertThat(committed.get(0).get("lines").get(0).get("quantity").asInt()).isEqualTo(3);
        assertStock(product, 7, 0, 3);
        assertThat(invariants().get("ok").asBoolean()).isTrue();
    }

    @Test
    void an_order_cancelled_after_its_reservation_gets_its_stock_back() {
        String product = product(5, "4.00");
        String order = newOrderId();
        reserved(order, line(product, 5));

        JsonNode released = answer(Topics.ORDER_EVENTS, order, orderCancelled(order, "SAGA_TIMEOUT"), "StockReleased");

        assertThat(reason(released)).isEqualTo("SAGA_TIMEOUT");
        assertThat(released.get("lines").get(0).get("quantity").asInt()).isEqualTo(5);
        assertStock(product, 5, 0, 0);
    }

    @Test
    void an_order_cancelled_before_inventory_saw_it_refuses_the_late_reservation_and_leaves_stock_alone() {
        String product = product(5, "4.00");
        String order = newOrderId();

        JsonNode released = answer(Topics.ORDER_EVENTS, order, orderCancelled(order, "SAGA_TIMEOUT"), "StockReleased");
        assertThat(released.get("lines")).isEmpty();
        assertThat(status(order)).isEqualTo("CLOSED");

        rejected(order, "ORDER_ALREADY_TERMINAL", line(product, 2));
        assertStock(product, 5, 0, 0);
    }

    @Test
    void an_order_rejected_after_a_stock_rejection_releases_nothing_but_still_answers() {
        String product = product(1, "4.00");
        String order = newOrderId();
        rejected(order, "INSUFFICIENT_STOCK", line(product, 2));

        JsonNode released =
                answer(Topics.ORDER_EVENTS, order, orderRejected(order, "INSUFFICIENT_STOCK"), "StockReleased");

        assertThat(released.get("lines")).isEmpty();
        assertStock(product, 1, 0, 0);
        assertThat(status(order)).isEqualTo("REJECTED");
    }

    @Test
    void a_failed_payment_then_the_rejected_order_release_once_with_one_event_identity() {
        String product = product(4, "4.00");
        String order = newOrderId();
        reserved(order, line(product, 4));

        answer(Topics.PAYMENT_EVENTS, order, paymentFailed(order, "AMOUNT_LIMIT_EXCEEDED"), "StockReleased");
        publish(Topics.ORDER_EVENTS, order, orderRejected(order, "AMOUNT_LIMIT_EXCEEDED"));

        List<JsonNode> released = outcomes(order, "StockReleased", 2);
        assertThat(released.get(1)).isEqualTo(released.get(0));
        assertStock(product, 4, 0, 0);
    }

    @Test
    void the_reserved_price_is_kept_when_the_catalog_price_changes_later() {
        String product = product(4, "4.00");
        String order = newOrderId();
        reserved(order, line(product, 1));

        var changed =
                http.patch("/api/products/" + product, admin(), "{\"price\":{\"amount\":9.00,\"currency\":\"EUR\"}}");
        assertThat(changed.statusCode()).isEqualTo(200);

        assertThat(amount(reservation(order).get("total"))).isEqualByComparingTo("4.00");
    }

    /** Validates a new order, expects it rejected for this reason, naming this product first. */
    private static void rejectedFor(String productId, String reason, Line... lines) {
        JsonNode rejected = rejected(newOrderId(), reason, lines);
        assertThat(rejected.get("product_ids").get(0).asString()).isEqualTo(productId);
    }

    private String status(String orderId) {
        return reservation(orderId).get("status").asString();
    }

    private JsonNode reservation(String orderId) {
        var response = http.get("/api/inventory/reservations/" + orderId, admin());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }
}
