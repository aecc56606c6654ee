package dev.ordersaga.order.api;

import dev.ordersaga.events.Money;
import dev.ordersaga.events.OrderLine;
import dev.ordersaga.events.OrderStatus;
import dev.ordersaga.events.PricedLine;
import dev.ordersaga.events.ReasonCode;
import dev.ordersaga.order.domain.Order;
import dev.ordersaga.order.domain.TimelineEntry;
import java.time.Instant;
import java.util.List;

/**
 * One order as the API shows it (snake_case on the wire). Lines carry the catalog's unit prices
 * once stock is reserved; before that they are the requested lines without prices.
 */
public record OrderView(
        String orderId,
        OrderStatus status,
        String customerId,
        String userId,
        List<LineView> lines,
        Money total,
        String paymentMethod,
        String paymentId,
        ReasonCode reason,
        String detail,
        List<String> productIds,
        String lastStep,
        String shippingAddress,
        String billingAddress,
        List<TimelineEntry> timeline,
        Instant createdAt,
        Instant updatedAt,
        Instant deadline,
        Instant decidedAt,
        String traceId) {

    /** A line of the order: the unit price and line total are null until stock is reserved. */
    public record LineView(String productId, int quantity, Money unitPrice, Money lineTotal) {

        static LineView of(PricedLine line) {
            return new LineView(line.productId(), line.quantity(), line.unitPrice(), line.lineTotal());
        }

        static LineView of(OrderLine line) {
            return new LineView(line.productId(), line.quantity(), null, null);
        }
    }

    static OrderView of(Order order) {
        return new OrderView(
                order.id(),
                order.status(),
                order.customerId(),
                order.userId(),
                lines(order),
                order.total(),
                order.paymentMethod(),
                order.paymentId(),
                order.reason(),
                order.detail(),
                order.productIds(),
                order.lastStep(),
                order.shippingAddress(),
                order.billingAddress(),
                order.timeline(),
                order.createdAt(),
                order.updatedAt(),
                order.deadline(),
                order.decidedAt(),
                order.traceId());
    }

    static List<LineView> lines(Order order) {
        return order.lines().isEmpty()
                ? order.requestedLines().stream().map(LineView::of).toList()
                : order.lines().stream().map(LineView::of).toList();
    }
}
