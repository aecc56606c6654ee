package dev.ordersaga.order.saga;

import dev.ordersaga.support.kafka.EventPublisher;
import org.springframework.stereotype.Component;

/**
 * Publishes what a stored step left to say, and waits for the broker. Only once the terminal
 * outcome is acknowledged is the order's saga closed; if the process dies before that, the
 * redelivered cause or the sweep publishes it again (same event id).
 */
@Component
public class StepPublisher {

    private final EventPublisher publisher;
    private final OpenSagas openSagas;

    public StepPublisher(EventPublisher publisher, OpenSagas openSagas) {
        this.publisher = publisher;
        this.openSagas = openSagas;
    }

    public void publish(Step step) {
        if (step.events().isEmpty()) {
            return;
        }
        publisher.publishAll(step.events());
        if (step.carriesOutcome()) {
            openSagas.close(step.order().id());
        }
    }
}
