package dev.ordersaga.order.domain;

import java.time.Duration;
import java.util.Objects;

/**
 * The saga's two clocks, as the order needs them to decide and to say when the sweep should look
 * at it next ({@link Order#recheckAt()}).
 *
 * @param deadline how long after the customer's request an order may stay undecided
 * @param republishAfter how long after its decision an order not yet settled is looked at again
 *     (and its decision published again), not before its deadline
 */
public record SagaTiming(Duration deadline, Duration republishAfter) {

    public SagaTiming {
        Objects.requireNonNull(deadline);
        Objects.requireNonNull(republishAfter);
    }
}
