package dev.ordersaga.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.UUID;

/** The payment was captured. */
@EventVersion(major = 1, minor = 0)
public record PaymentCompleted(
        @JsonProperty("event_id") UUID eventId,
        @JsonProperty("order_id") String orderId,
        @JsonProperty("occurred_at") Instant occurredAt,
        @JsonProperty("correlation_id") String correlationId,
        @JsonProperty("payment_id") String paymentId,
        @JsonProperty("amount") Money amount,
        @JsonProperty("payment_method") String paymentMethod)
        implements PaymentEvent {

    public PaymentCompleted {
        Require.envelope(eventId, occurredAt, correlationId);
        Require.text(orderId, "order_id");
        Require.text(paymentId, "payment_id");
        Require.present(amount, "amount");
        Require.text(paymentMethod, "payment_method");
    }
}
