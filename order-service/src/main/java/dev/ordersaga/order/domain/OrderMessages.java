package dev.ordersaga.order.domain;

import dev.ordersaga.events.Event;
import dev.ordersaga.events.EventIds;
import dev.ordersaga.events.OrderCancelled;
import dev.ordersaga.events.OrderConfirmed;
import dev.ordersaga.events.OrderEvent;
import dev.ordersaga.events.OrderRejected;
import dev.ordersaga.events.OrderStatusChanged;
import dev.ordersaga.events.SagaEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The events order-service publishes, built from an order's state ({@link Order#eventsAfter}, {@link Order#decisionEvents}). */
final class OrderMessages {

    private OrderMessages() {}

    /**
     * What to say after recording an event: the decision when it was taken, and again with a
     * redelivered cause until it is settled (the process may have died between the write and the
     * publish: same event id); then the order's state on the reply topic when a gateway waits for
     * it: a repeated request (a retry with the Idempotency-Key is answered with the current state),
     * or an event that gave the order news ({@link Order#replyCause()}: a new status), also when it
     * is redelivered. A reply nobody waits for is not sent: none for the request itself (the
     * gateway's first hop clock runs from its publish), none for a step that changed no status (the
     * commit after a confirmation, a refund, an answer recorded out of order).
     */
    static List<Event> after(Order order, Recorded recorded, SagaEvent cause) {
        List<Event> events = new ArrayList<>();
        if (recorded == Recorded.DECISION
                || (recorded == Recorded.REDELIVERY && order.isTerminal() && !order.isSettled())) {
            events.add(outcome(order));
        }
        boolean repeatedRequest = recorded == Recorded.SAME_REQUEST || recorded == Recorded.DIFFERENT_REQUEST;
        if (order.isRequested()
                && (repeatedRequest || cause.eventId().toString().equals(order.replyCause()))) {
            events.add(
                    reply(order, EventIds.causedBy(cause.eventId(), OrderStatusChanged.class), cause.correlationId()));
        }
        return events;
    }

    /** A decision no event caused (deadline, cancel request, re-publication): the outcome, then the reply. */
    static List<Event> decision(Order order) {
        List<Event> events = new ArrayList<>();
        events.add(outcome(order));
        if (order.isRequested()) {
            events.add(decisionReply(order));
        }
        return events;
    }

    /**
     * The order's current state on the reply topic.
     *
     * @param eventId derived from what caused it, so a redelivered cause re-emits the same id
     * @param correlationId the correlation id of the request or event being answered; its time is
     *     the order's last change, so the same state is said with the same event every time
     */
    static OrderStatusChanged reply(Order order, UUID eventId, String correlationId) {
        return new OrderStatusChanged(
                eventId,
                order.id(),
                order.updatedAt(),
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
    static OrderStatusChanged decisionReply(Order order) {
        return reply(
                order,
                EventIds.about(order.id() + "/" + order.status(), OrderStatusChanged.class),
                order.correlationId());
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
