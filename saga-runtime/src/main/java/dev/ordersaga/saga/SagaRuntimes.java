package dev.ordersaga.saga;

import dev.ordersaga.support.tracing.SagaTracing;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;

/** Makes the {@link SagaRuntime} of a participant, wired to the saga's template, DLT, settings and health. */
public class SagaRuntimes {

    private final KafkaTemplate<Object, Object> template;
    private final DeadLetterPublishingRecoverer deadLetters;
    private final KafkaSettings settings;
    private final SagaRuntimeHealth health;
    private final MeterRegistry meters;
    private final SagaTracing tracing;

    public SagaRuntimes(
            KafkaTemplate<Object, Object> template,
            DeadLetterPublishingRecoverer deadLetters,
            KafkaSettings settings,
            SagaRuntimeHealth health,
            MeterRegistry meters,
            SagaTracing tracing) {
        this.template = template;
        this.deadLetters = deadLetters;
        this.settings = settings;
        this.health = health;
        this.meters = meters;
        this.tracing = tracing;
    }

    /** A runtime that loads every batch's states from the store. */
    public <S> SagaRuntime<S> loading(String name, SagaParticipant<S> participant) {
        return new SagaRuntime<>(name, participant, false, template, deadLetters, settings, health, meters, tracing);
    }

    /**
     * A runtime that keeps the states of the partitions it owns in memory. Only for a consumer
     * group reading co-partitioned topics keyed alike; register the runtime as the container's
     * rebalance listener so revoked partitions are dropped.
     */
    public <S> SagaRuntime<S> caching(String name, SagaParticipant<S> participant) {
        return new SagaRuntime<>(name, participant, true, template, deadLetters, settings, health, meters, tracing);
    }
}
