package dev.ordersaga.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.UUID;

/** A captured payment was refunded because its order was not confirmed. */
public record PaymentRefunded(
        @JsonProperty("event_id") UUID eventId,
        @JsonProperty("order_id") String orderId,
        @JsonProperty("occurred_at") Instant occurredAt,
        @JsonProperty("correlation_id") String correlationId,
        @JsonProperty("payment_id") String paymentId,
        @JsonProperty("amount") Money amount)
        implements PaymentEvent {

    public PaymentRefunded {
        Require.envelope(eventId, occurredAt, correlationId);
        Require.text(orderId, "order_id");
        Require.text(paymentId, "payment_id");
        Require.present(amount, "amount");
    }
}
