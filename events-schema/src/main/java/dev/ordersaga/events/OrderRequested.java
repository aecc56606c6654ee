package dev.ordersaga.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The gateway accepted a create_order request: the saga starts. {@code request_hash} identifies the request body, so a retry with the same Idempotency-Key can be told from a different request. */
@EventVersion(major = 1, minor = 0)
public record OrderRequested(
        @JsonProperty("event_id") UUID eventId,
        @JsonProperty("order_id") String orderId,
        @JsonProperty("occurred_at") Instant occurredAt,
        @JsonProperty("correlation_id") String correlationId,
        @JsonProperty("customer_id") String customerId,
        @JsonProperty("user_id") String userId,
        @JsonProperty("lines") List<OrderLine> lines,
        @JsonProperty("payment_method") String paymentMethod,
        @JsonProperty("shipping_address") String shippingAddress,
        @JsonProperty("billing_address") String billingAddress,
        @JsonProperty("request_hash") String requestHash)
        implements GatewayEvent {

    public OrderRequested {
        Require.envelope(eventId, occurredAt, correlationId);
        Require.text(orderId, "order_id");
        Require.text(customerId, "customer_id");
        Require.text(userId, "user_id");
        lines = Require.nonEmpty(lines, "lines");
        Require.text(paymentMethod, "payment_method");
        Require.text(shippingAddress, "shipping_address");
        Require.text(billingAddress, "billing_address");
        Require.text(requestHash, "request_hash");
    }
}
