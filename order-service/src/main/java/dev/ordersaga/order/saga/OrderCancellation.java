package dev.ordersaga.order.saga;

import dev.ordersaga.events.EventTime;
import dev.ordersaga.events.ReasonCode;
import dev.ordersaga.order.config.SagaSettings;
import dev.ordersaga.order.domain.Order;
import dev.ordersaga.order.domain.OrderAlreadyDecided;
import dev.ordersaga.order.store.OrderStore;
import dev.ordersaga.saga.publish.ReliablePublisher;
import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Service;

/**
 * A cancel request: a decision no event brings. The write is conditional on the version that was
 * read and on a non-terminal status, like the runtime's, so exactly one writer takes the terminal
 * decision; the same write carries the order's next look ({@code recheckAt}) unless nothing is held
 * for it. Then the decision is published the runtime's reliable way: the sweep sends it again from
 * that look on until the participants have acknowledged it.
 */
@Service
public class OrderCancellation {

    private static final int MAX_ATTEMPTS = 20;

    private final OrderStore store;
    private final PendingDecisions pending;
    private final ReliablePublisher publisher;
    private final OrderMetrics metrics;
    private final SagaSettings settings;
    private final Clock clock;

    OrderCancellation(
            OrderStore store,
            PendingDecisions pending,
            ReliablePublisher publisher,
            OrderMetrics metrics,
            SagaSettings settings,
            Clock clock) {
        this.store = store;
        this.pending = pending;
        this.publisher = publisher;
        this.metrics = metrics;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Cancels the order on its owner's (or an admin's) request; the caller was checked by the web
     * layer.
     *
     * @throws OrderAlreadyDecided once the order is decided
     */
    public Order cancel(String orderId, boolean byAdmin) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Order order =
                    store.find(orderId).orElseThrow(() -> new IllegalStateException("order " + orderId + " vanished"));
            if (order.isTerminal()) {
                throw new OrderAlreadyDecided(orderId, order.status());
            }
            Instant now = EventTime.now(clock);
            long readVersion = order.version();
            order.cancel(
                    ReasonCode.CANCELLED_ON_REQUEST,
                    byAdmin ? "Cancelled by an administrator." : "Cancelled by the customer.",
                    now,
                    settings.timing());
            if (store.replace(order, readVersion, true)) {
                metrics.decided(order);
                publisher.publish(pending, order, order.decisionEvents(), now);
                return order;
            }
            metrics.conflict();
        }
        throw new IllegalStateException("order " + orderId + " kept changing; cancel not applied");
    }
}
