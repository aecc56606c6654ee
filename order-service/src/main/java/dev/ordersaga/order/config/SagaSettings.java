package dev.ordersaga.order.config;

import dev.ordersaga.order.domain.SagaTiming;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The saga's clock settings.
 *
 * @param deadline how long after the customer's request an order may stay undecided before it is
 *     cancelled with {@code SAGA_TIMEOUT} ({@code SAGA_DEADLINE})
 * @param sweepInterval pause between two runs of the deadline sweep ({@code SAGA_SWEEP_INTERVAL})
 * @param sweepBatch at most this many orders are cancelled (or re-published) per sweep run
 * @param republishAfter a decision not yet acknowledged by every participant that held something
 *     for the order this long after it was taken is published again by the sweep (a lost commit,
 *     release or refund; the process died between the state write and the publish), then again
 *     with pauses that double with the decision's age
 */
@ConfigurationProperties("saga")
public record SagaSettings(
        @DefaultValue("30s") Duration deadline,
        @DefaultValue("1s") Duration sweepInterval,
        @DefaultValue("200") int sweepBatch,
        @DefaultValue("5s") Duration republishAfter) {

    /** The two clocks the order itself needs (its deadline, and when to look at its decision again). */
    public SagaTiming timing() {
        return new SagaTiming(deadline, republishAfter);
    }
}
