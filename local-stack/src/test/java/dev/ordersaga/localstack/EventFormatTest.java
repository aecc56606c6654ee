package dev.ordersaga.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.localstack.events.EventFormat;
import org.junit.jupiter.api.Test;

class EventFormatTest {

    @Test
    void an_event_is_one_line_with_time_topic_type_order_and_its_key_fields() {
        String json = """
                {"type":"StockReserved","event_id":"e1","order_id":"o-1","occurred_at":"2026-01-01T00:00:00Z",
                 "correlation_id":"c","customer_id":"cust","payment_method":"credit_card",
                 "lines":[{"product_id":"p1","quantity":2,"unit_price":{"amount":1.50,"currency":"EUR"}}],
                 "total":{"amount":3.00,"currency":"EUR"}}""";

        String line = EventFormat.line("inventory-events", 0, "o-1", json);

        assertThat(line)
                .contains("inventory-events", "StockReserved", "o-1", "customer=cust", "method=credit_card")
                .contains("total=3.00 EUR", "lines=p1x2")
                .doesNotContain("\n");
    }

    @Test
    void a_rejection_shows_its_reason_and_products() {
        String json = "{\"type\":\"OrderStatusChanged\",\"order_id\":\"o-2\",\"status\":\"REJECTED\","
                + "\"reason\":\"INSUFFICIENT_STOCK\",\"product_ids\":[\"p9\"],\"last_step\":\"StockRejected\"}";

        assertThat(EventFormat.line("order-replies", 0, "o-2", json))
                .contains("status=REJECTED", "reason=INSUFFICIENT_STOCK", "products=p9", "step=StockRejected");
        assertThat(EventFormat.orderId(json)).isEqualTo("o-2");
    }

    @Test
    void a_user_event_is_keyed_by_user_and_garbage_is_shown_not_dropped() {
        assertThat(EventFormat.line("user-events", 0, "u-1", "{\"type\":\"UserRegistered\",\"user_id\":\"u-1\"}"))
                .contains("UserRegistered", "u-1");
        assertThat(EventFormat.line("order-events", 0, "k", "not json")).contains("(unreadable)", "not json");
    }
}
