package dev.ordersaga.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.UUID;

/**
 * A captured payment was refunded because its order was not confirmed.
 *
 * <p>1.1 added {@code payment_method}, the method the money goes back to; optional, so a 1.0
 * producer's event (without it) reads with {@code paymentMethod == null} and a 1.0 consumer ignores it.
 */
@EventVersion(major = 1, minor = 1)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PaymentRefunded(
        @JsonProperty("event_id") UUID eventId,
        @JsonProperty("order_id") String orderId,
        @JsonProperty("occurred_at") Instant occurredAt,
        @JsonProperty("correlation_id") String correlationId,
        @JsonProperty("payment_id") String paymentId,
        @JsonProperty("amount") Money amount,
        @JsonProperty("payment_method") String paymentMethod)
        implements PaymentEvent {

    public PaymentRefunded {
        Require.envelope(eventId, occurredAt, correlationId);
        Require.text(orderId, "order_id");
        Require.text(paymentId, "payment_id");
        Require.present(amount, "amount");
        if (paymentMethod != null) {
            Require.text(paymentMethod, "payment_method");
        }
    }

    /** The 1.0 shape, without the payment method. */
    public PaymentRefunded(
            UUID eventId, String orderId, Instant occurredAt, String correlationId, String paymentId, Money amount) {
        this(eventId, orderId, occurredAt, correlationId, paymentId, amount, null);
    }
}
