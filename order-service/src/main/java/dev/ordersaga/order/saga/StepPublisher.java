package dev.ordersaga.order.saga;

import dev.ordersaga.saga.EventPublisher;
import org.springframework.stereotype.Component;

/**
 * Publishes what a decision taken outside the event flow (deadline, cancel request,
 * re-publication) left to say, and waits for the broker. The order's saga stays open until the
 * participants acknowledge the decision; if this publish is lost, the sweep publishes it again.
 */
@Component
public class StepPublisher {

    private final EventPublisher publisher;

    public StepPublisher(EventPublisher publisher) {
        this.publisher = publisher;
    }

    public void publish(Step step) {
        if (!step.events().isEmpty()) {
            publisher.publishAll(step.events());
        }
    }
}
