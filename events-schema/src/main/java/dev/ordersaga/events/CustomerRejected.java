package dev.ordersaga.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.UUID;

/** The order's customer is missing or inactive ({@link ReasonCode#CUSTOMER_NOT_FOUND}, {@link ReasonCode#CUSTOMER_INACTIVE}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@EventVersion(major = 1, minor = 0)
public record CustomerRejected(
        @JsonProperty("event_id") UUID eventId,
        @JsonProperty("order_id") String orderId,
        @JsonProperty("occurred_at") Instant occurredAt,
        @JsonProperty("correlation_id") String correlationId,
        @JsonProperty("customer_id") String customerId,
        @JsonProperty("reason") ReasonCode reason,
        @JsonProperty("detail") String detail)
        implements CustomerEvent {

    public CustomerRejected {
        Require.envelope(eventId, occurredAt, correlationId);
        Require.text(orderId, "order_id");
        Require.text(customerId, "customer_id");
        Require.present(reason, "reason");
    }
}
