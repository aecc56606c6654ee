package dev.ordersaga.order.api;

import dev.ordersaga.events.Money;
import dev.ordersaga.events.OrderStatus;
import dev.ordersaga.events.ReasonCode;
import dev.ordersaga.order.api.OrderView.LineView;
import dev.ordersaga.order.domain.Order;
import java.time.Instant;
import java.util.List;

/** An order in a list: everything but the timeline and the addresses. */
public record OrderSummary(
        String orderId,
        OrderStatus status,
        String customerId,
        List<LineView> lines,
        Money total,
        String paymentId,
        ReasonCode reason,
        String lastStep,
        Instant createdAt,
        Instant updatedAt) {

    static OrderSummary of(Order order) {
        return new OrderSummary(
                order.id(),
                order.status(),
                order.customerId(),
                OrderView.lines(order),
                order.total(),
                order.paymentId(),
                order.reason(),
                order.lastStep(),
                order.createdAt(),
                order.updatedAt());
    }
}
