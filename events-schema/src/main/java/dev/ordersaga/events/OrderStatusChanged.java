package dev.ordersaga.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The order's status after a step the gateway does not see itself (all but the customer's validation, which it reads on customer-events), published on the reply topic the gateway waits on. It carries what the gateway needs to answer: the status, the last step, the reason, and for a confirmed order its lines, total and payment. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@EventVersion(major = 1, minor = 0)
public record OrderStatusChanged(
        @JsonProperty("event_id") UUID eventId,
        @JsonProperty("order_id") String orderId,
        @JsonProperty("occurred_at") Instant occurredAt,
        @JsonProperty("correlation_id") String correlationId,
        @JsonProperty("status") OrderStatus status,
        @JsonProperty("last_step") String lastStep,
        @JsonProperty("reason") ReasonCode reason,
        @JsonProperty("detail") String detail,
        @JsonProperty("product_ids") List<String> productIds,
        @JsonProperty("customer_id") String customerId,
        @JsonProperty("request_hash") String requestHash,
        @JsonProperty("lines") List<PricedLine> lines,
        @JsonProperty("total") Money total,
        @JsonProperty("payment_id") String paymentId,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("updated_at") Instant updatedAt)
        implements OrderReplyEvent {

    public OrderStatusChanged {
        Require.envelope(eventId, occurredAt, correlationId);
        Require.text(orderId, "order_id");
        Require.present(status, "status");
        Require.text(lastStep, "last_step");
        Require.text(customerId, "customer_id");
        Require.text(requestHash, "request_hash");
        lines = Require.list(lines, "lines");
        Require.present(createdAt, "created_at");
        Require.present(updatedAt, "updated_at");
        productIds = Require.list(productIds, "product_ids");
    }
}
