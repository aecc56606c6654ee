package dev.ordersaga.order.saga;

import dev.ordersaga.events.SagaEvent;
import dev.ordersaga.order.orders.Order;
import java.util.List;

/**
 * What one handled event (or a sweep, or a cancel request) left to publish, after the order's new
 * state is stored.
 *
 * @param order the order as stored
 * @param events the events to publish: the terminal outcome first (if any), then the reply
 */
public record Step(Order order, List<SagaEvent> events) {

    public Step {
        events = List.copyOf(events);
    }
}
