package dev.ordersaga.order.saga;

import dev.ordersaga.events.Event;
import dev.ordersaga.events.EventTime;
import dev.ordersaga.events.OrderRequested;
import dev.ordersaga.events.SagaEvent;
import dev.ordersaga.order.config.SagaSettings;
import dev.ordersaga.order.domain.Order;
import dev.ordersaga.order.domain.Recorded;
import dev.ordersaga.order.store.OrderStore;
import dev.ordersaga.saga.SagaParticipant;
import dev.ordersaga.saga.SagaStep;
import dev.ordersaga.support.tracing.SagaTracing;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * order-service as a saga participant: every event is recorded on its order (the aggregate
 * decides, and says when the sweep should look at the order next: {@code recheckAt}), and the step
 * says what to publish. Stored per batch in one bulk write of the orders, each guarded by the
 * version it was read at; the sweep's watch is a field of each, so no stored order can lack it.
 */
@Component
class OrderSagaSteps implements SagaParticipant<Order> {

    private static final Logger log = LoggerFactory.getLogger(OrderSagaSteps.class);

    private final OrderStore store;
    private final SagaSettings settings;
    private final Clock clock;
    private final OrderMetrics metrics;

    private final SagaTracing tracing;

    OrderSagaSteps(OrderStore store, SagaSettings settings, Clock clock, OrderMetrics metrics, SagaTracing tracing) {
        this.tracing = tracing;
        this.store = store;
        this.settings = settings;
        this.clock = clock;
        this.metrics = metrics;
    }

    /**
     * The gateway's request creates the order: it has none yet unless the request is redelivered or
     * repeated, or a participant's answer came first (a placeholder). Not read first: the insert of
     * the new order fails if the id exists, and the runtime reads that order and records the request
     * on it. An order in this instance's memory is taken from there, read or not.
     */
    @Override
    public boolean startsState(Event event) {
        return event instanceof OrderRequested;
    }

    @Override
    public Map<String, Order> load(Map<String, List<Event>> eventsByOrder) {
        return store.findAll(eventsByOrder.keySet());
    }

    @Override
    public SagaStep<Order> apply(Event event, Order stored) {
        if (!(event instanceof SagaEvent sagaEvent)) {
            throw new IllegalArgumentException("order-service does not consume " + event.type());
        }
        Order order = stored != null ? stored : Order.startingWith(sagaEvent.orderId());
        Instant now = EventTime.now(clock);
        Recorded recorded = order.record(sagaEvent, now, settings.timing());
        order.traceWith(tracing.currentTraceParent());
        List<Event> events = order.eventsAfter(recorded, sagaEvent);
        switch (recorded) {
            case DECISION -> metrics.decided(order);
            case DIFFERENT_REQUEST ->
                log.warn(
                        "order {} requested again with another request hash (Idempotency-Key reused); replying with the stored one",
                        order.id());
            case REDELIVERY -> log.debug("{} {} of order {} seen before", event.type(), event.eventId(), order.id());
            default -> {}
        }
        return recorded.changed() ? SagaStep.changed(order, events) : SagaStep.unchanged(order, events);
    }

    @Override
    public Set<String> store(Map<String, Order> changed) {
        return store.storeAll(changed.values());
    }
}
