package dev.ordersaga.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** order-service's decision: the order is confirmed. Inventory commits the reservation. */
@EventVersion(major = 1, minor = 0)
public record OrderConfirmed(
        @JsonProperty("event_id") UUID eventId,
        @JsonProperty("order_id") String orderId,
        @JsonProperty("occurred_at") Instant occurredAt,
        @JsonProperty("correlation_id") String correlationId,
        @JsonProperty("customer_id") String customerId,
        @JsonProperty("lines") List<PricedLine> lines,
        @JsonProperty("total") Money total,
        @JsonProperty("payment_id") String paymentId)
        implements OrderEvent {

    public OrderConfirmed {
        Require.envelope(eventId, occurredAt, correlationId);
        Require.text(orderId, "order_id");
        Require.text(customerId, "customer_id");
        lines = Require.nonEmpty(lines, "lines");
        Require.present(total, "total");
        Require.text(paymentId, "payment_id");
    }
}
