package dev.ordersaga.gateway.reply;

import dev.ordersaga.events.Money;
import dev.ordersaga.events.OrderStatus;
import dev.ordersaga.events.OrderStatusChanged;
import dev.ordersaga.events.PricedLine;
import java.time.Instant;
import java.util.List;

/**
 * The 201 body of create_order (snake_case on the wire): the order as order-service confirmed it,
 * prices from the catalog, never from the client; and the trace id of the request, to find its
 * saga in the trace viewer.
 */
public record ConfirmedOrder(
        String orderId,
        OrderStatus status,
        String customerId,
        List<Line> lines,
        Money total,
        String paymentId,
        Instant createdAt,
        Instant updatedAt,
        String traceId) {

    ConfirmedOrder withTraceId(String traceId) {
        return new ConfirmedOrder(orderId, status, customerId, lines, total, paymentId, createdAt, updatedAt, traceId);
    }

    public record Line(String productId, int quantity, Money unitPrice, Money lineTotal) {

        static Line of(PricedLine line) {
            return new Line(line.productId(), line.quantity(), line.unitPrice(), line.lineTotal());
        }
    }

    static ConfirmedOrder of(OrderStatusChanged reply) {
        return new ConfirmedOrder(
                reply.orderId(),
                reply.status(),
                reply.customerId(),
                reply.lines().stream().map(Line::of).toList(),
                reply.total(),
                reply.paymentId(),
                reply.createdAt(),
                reply.updatedAt(),
                null);
    }
}
