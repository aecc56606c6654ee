package dev.ordersaga.console.shop;

import dev.ordersaga.events.Money;
import dev.ordersaga.events.OrderStatus;
import java.time.Instant;
import java.util.List;

/**
 * What the console reads from the services' admin APIs: only the fields it shows (the services'
 * own views have more; unknown fields are ignored). A list comes as service-support's {@code
 * ListPage} of these.
 */
public final class ShopViews {

    private ShopViews() {}

    public record Line(String productId, int quantity, Money unitPrice, Money lineTotal) {}

    public record TimelineEntry(String type, Instant at, String service, String detail) {}

    public record OrderSummary(
            String orderId,
            OrderStatus status,
            String customerId,
            List<Line> lines,
            Money total,
            String paymentId,
            String reason,
            String lastStep,
            Instant createdAt,
            Instant updatedAt) {}

    public record Order(
            String orderId,
            OrderStatus status,
            String customerId,
            String userId,
            List<Line> lines,
            Money total,
            String paymentMethod,
            String paymentId,
            String reason,
            String detail,
            List<String> productIds,
            String lastStep,
            List<TimelineEntry> timeline,
            Instant createdAt,
            Instant updatedAt,
            Instant deadline,
            Instant decidedAt,
            String traceId) {

        public Order {
            timeline = timeline == null ? List.of() : List.copyOf(timeline);
            lines = lines == null ? List.of() : List.copyOf(lines);
        }
    }

    public record ReservationLine(String productId, int quantity, String state, Money unitPrice) {}

    public record Reservation(
            String orderId,
            String status,
            List<ReservationLine> lines,
            Money total,
            String reason,
            List<ReservationLine> releasedLines,
            Instant reservedAt,
            Instant finishedAt) {}

    public record Payment(
            String id,
            String orderId,
            Money amount,
            String paymentMethod,
            String status,
            String reason,
            String detail,
            Instant createdAt,
            Instant refundedAt,
            String refundReason) {}

    public record ProductCheck(
            String productId,
            String sku,
            long received,
            long available,
            long reserved,
            long sold,
            long reservedByOrders,
            int holdingOrders,
            boolean ok) {}

    public record Invariants(boolean ok, long openReservations, List<ProductCheck> products, Instant checkedAt) {}

    public record Product(String id, String sku, String name, boolean active) {}
}
