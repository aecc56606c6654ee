package dev.ordersaga.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The order's customer exists and is active. Carries the requested lines and payment method on to
 * inventory and payment, so no participant has to join two topics.
 */
@EventVersion(major = 1, minor = 0)
public record CustomerValidated(
        @JsonProperty("event_id") UUID eventId,
        @JsonProperty("order_id") String orderId,
        @JsonProperty("occurred_at") Instant occurredAt,
        @JsonProperty("correlation_id") String correlationId,
        @JsonProperty("customer_id") String customerId,
        @JsonProperty("lines") List<OrderLine> lines,
        @JsonProperty("payment_method") String paymentMethod)
        implements CustomerEvent {

    public CustomerValidated {
        Require.envelope(eventId, occurredAt, correlationId);
        Require.text(orderId, "order_id");
        Require.text(customerId, "customer_id");
        lines = Require.nonEmpty(lines, "lines");
        Require.text(paymentMethod, "payment_method");
    }
}
