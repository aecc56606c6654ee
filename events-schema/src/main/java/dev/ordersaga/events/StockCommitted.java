package dev.ordersaga.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The reservation of a confirmed order became sold stock. */
@EventVersion(major = 1, minor = 0)
public record StockCommitted(
        @JsonProperty("event_id") UUID eventId,
        @JsonProperty("order_id") String orderId,
        @JsonProperty("occurred_at") Instant occurredAt,
        @JsonProperty("correlation_id") String correlationId,
        @JsonProperty("lines") List<OrderLine> lines)
        implements InventoryEvent {

    public StockCommitted {
        Require.envelope(eventId, occurredAt, correlationId);
        Require.text(orderId, "order_id");
        lines = Require.nonEmpty(lines, "lines");
    }
}
