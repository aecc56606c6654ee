package dev.ordersaga.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Nothing was reserved: a product is unknown, inactive or short ({@code product_ids} names the offenders), or the order was already decided. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@EventVersion(major = 1, minor = 0)
public record StockRejected(
        @JsonProperty("event_id") UUID eventId,
        @JsonProperty("order_id") String orderId,
        @JsonProperty("occurred_at") Instant occurredAt,
        @JsonProperty("correlation_id") String correlationId,
        @JsonProperty("reason") ReasonCode reason,
        @JsonProperty("product_ids") List<String> productIds,
        @JsonProperty("detail") String detail)
        implements InventoryEvent {

    public StockRejected {
        Require.envelope(eventId, occurredAt, correlationId);
        Require.text(orderId, "order_id");
        Require.present(reason, "reason");
        productIds = Require.list(productIds, "product_ids");
    }
}
