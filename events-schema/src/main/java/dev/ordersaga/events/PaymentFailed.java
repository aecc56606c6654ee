package dev.ordersaga.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.UUID;

/** The payment was declined; nothing was captured. The payment record is kept under {@code payment_id}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@EventVersion(major = 1, minor = 0)
public record PaymentFailed(
        @JsonProperty("event_id") UUID eventId,
        @JsonProperty("order_id") String orderId,
        @JsonProperty("occurred_at") Instant occurredAt,
        @JsonProperty("correlation_id") String correlationId,
        @JsonProperty("payment_id") String paymentId,
        @JsonProperty("amount") Money amount,
        @JsonProperty("reason") ReasonCode reason,
        @JsonProperty("detail") String detail)
        implements PaymentEvent {

    public PaymentFailed {
        Require.envelope(eventId, occurredAt, correlationId);
        Require.text(orderId, "order_id");
        Require.text(paymentId, "payment_id");
        Require.present(amount, "amount");
        Require.present(reason, "reason");
    }
}
