package dev.ordersaga.order.saga;

import dev.ordersaga.events.EventIds;
import dev.ordersaga.events.OrderCancelled;
import dev.ordersaga.events.OrderConfirmed;
import dev.ordersaga.events.OrderEvent;
import dev.ordersaga.events.OrderRejected;
import dev.ordersaga.events.OrderStatusChanged;
import dev.ordersaga.order.orders.Order;
import java.time.Instant;
import java.util.UUID;

/** The events order-service publishes, built from an order's stored state. */
final class SagaMessages {

    private SagaMessages() {}

    /**
     * The order's current state on the reply topic.
     *
     * @param eventId derived from what caused it, so a redelivered cause re-emits the same id
     * @param correlationId the correlation id of the request or event being answered
     */
    static OrderStatusChanged reply(Order order, UUID eventId, String correlationId, Instant now) {
        return new OrderStatusChanged(
                eventId,
                order.id(),
                now,
                correlationId,
                order.status(),
                order.lastStep(),
                order.reason(),
                order.detail(),
                order.productIds(),
                order.customerId(),
                order.requestHash(),
                order.lines(),
                order.total(),
                order.paymentId(),
                order.createdAt(),
                order.updatedAt());
    }

    /** The reply to a decision that no event caused (deadline, cancel request, re-publication). */
    static OrderStatusChanged decisionReply(Order order, Instant now) {
        return reply(
                order,
                EventIds.about(order.id() + "/" + order.status(), OrderStatusChanged.class),
                order.correlationId(),
                now);
    }

    /**
     * The terminal decision for the participants. Its id and time are fixed by the decision, so a
     * re-publication is the same event.
     */
    static OrderEvent outcome(Order order) {
        String id = order.id();
        return switch (order.status()) {
            case CONFIRMED ->
                new OrderConfirmed(
                        EventIds.about(id, OrderConfirmed.class),
                        id,
                        order.decidedAt(),
                        order.correlationId(),
                        order.customerId(),
                        order.lines(),
                        order.total(),
                        order.paymentId());
            case REJECTED ->
                new OrderRejected(
                        EventIds.about(id, OrderRejected.class),
                        id,
                        order.decidedAt(),
                        order.correlationId(),
                        order.reason(),
                        order.detail());
            case CANCELLED ->
                new OrderCancelled(
                        EventIds.about(id, OrderCancelled.class),
                        id,
                        order.decidedAt(),
                        order.correlationId(),
                        order.reason(),
                        order.detail());
            default -> throw new IllegalStateException("order " + id + " is not decided: " + order.status());
        };
    }
}
