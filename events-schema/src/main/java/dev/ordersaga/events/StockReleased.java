package dev.ordersaga.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Whatever the order held is back in stock ({@code lines} may be empty when nothing was held). Sent after a failed payment or a rejected or cancelled order. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@EventVersion(major = 1, minor = 0)
public record StockReleased(
        @JsonProperty("event_id") UUID eventId,
        @JsonProperty("order_id") String orderId,
        @JsonProperty("occurred_at") Instant occurredAt,
        @JsonProperty("correlation_id") String correlationId,
        @JsonProperty("lines") List<OrderLine> lines,
        @JsonProperty("reason") ReasonCode reason)
        implements InventoryEvent {

    public StockReleased {
        Require.envelope(eventId, occurredAt, correlationId);
        Require.text(orderId, "order_id");
        lines = Require.list(lines, "lines");
    }
}
