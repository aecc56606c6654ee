package dev.ordersaga.payment.payment;

import dev.ordersaga.events.Event;
import dev.ordersaga.events.OrderRejected;
import dev.ordersaga.events.PaymentEvent;
import dev.ordersaga.events.ReasonCode;
import dev.ordersaga.events.SagaEvent;
import dev.ordersaga.events.StockReserved;
import dev.ordersaga.saga.SagaStep;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Drives {@link PaymentSteps} the way the saga runtime does for one event, without a broker:
 * load, apply, store, and on a lost write load again and apply again. Lets tests race many
 * deliveries of one order against the real store.
 */
final class StepDriver {

    private final PaymentSteps steps;

    StepDriver(PaymentSteps steps) {
        this.steps = steps;
    }

    /** The events the step publishes for {@code event}, once its state is stored. */
    List<Event> run(SagaEvent event) {
        String key = event.orderId();
        while (true) {
            Payment stored = steps.load(Map.of(key, List.of(event))).get(key);
            SagaStep<Payment> step = steps.apply(event, stored);
            if (!step.changed() || steps.store(Map.of(key, step.state())).isEmpty()) {
                return step.publish();
            }
        }
    }

    PaymentEvent charge(StockReserved stock) {
        return (PaymentEvent) run(stock).getFirst();
    }

    /** The order was rejected (or cancelled: payment treats both alike); what payment says back. */
    List<Event> close(String orderId, ReasonCode reason) {
        return run(new OrderRejected(UUID.randomUUID(), orderId, Instant.now(), "c", reason, "ended"));
    }
}
