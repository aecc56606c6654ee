package dev.ordersaga.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Every line of the order is reserved, priced from the catalog. Carries the customer and payment
 * method on to payment-service.
 */
@EventVersion(major = 1, minor = 0)
public record StockReserved(
        @JsonProperty("event_id") UUID eventId,
        @JsonProperty("order_id") String orderId,
        @JsonProperty("occurred_at") Instant occurredAt,
        @JsonProperty("correlation_id") String correlationId,
        @JsonProperty("lines") List<PricedLine> lines,
        @JsonProperty("total") Money total,
        @JsonProperty("customer_id") String customerId,
        @JsonProperty("payment_method") String paymentMethod)
        implements InventoryEvent {

    public StockReserved {
        Require.envelope(eventId, occurredAt, correlationId);
        Require.text(orderId, "order_id");
        lines = Require.nonEmpty(lines, "lines");
        Require.present(total, "total");
        Require.text(customerId, "customer_id");
        Require.text(paymentMethod, "payment_method");
    }
}
