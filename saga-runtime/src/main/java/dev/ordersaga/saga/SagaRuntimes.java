package dev.ordersaga.saga;

import dev.ordersaga.support.tracing.SagaTracing;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;

/**
 * Makes the {@link SagaRuntime} of a participant, wired to the saga's template, DLT, settings and
 * health. Every participant's listener builds its runtime here the same way ({@link #of}); whether
 * it loads every batch's states or caches them per owned partition is a setting ({@link
 * SagaRuntimeSettings}). The saga's container defaults give every listener container {@link
 * #rebalanceListener()}, so a caching runtime forgets the partitions its consumer loses.
 */
public class SagaRuntimes {

    private final KafkaTemplate<Object, Object> template;
    private final DeadLetterPublishingRecoverer deadLetters;
    private final KafkaSettings settings;
    private final SagaRuntimeSettings runtimeSettings;
    private final SagaRuntimeHealth health;
    private final MeterRegistry meters;
    private final SagaTracing tracing;
    private final List<SagaRuntime<?>> built = new CopyOnWriteArrayList<>();

    public SagaRuntimes(
            KafkaTemplate<Object, Object> template,
            DeadLetterPublishingRecoverer deadLetters,
            KafkaSettings settings,
            SagaRuntimeSettings runtimeSettings,
            SagaRuntimeHealth health,
            MeterRegistry meters,
            SagaTracing tracing) {
        this.template = template;
        this.deadLetters = deadLetters;
        this.settings = settings;
        this.runtimeSettings = runtimeSettings;
        this.health = health;
        this.meters = meters;
        this.tracing = tracing;
    }

    /** The participant's runtime, loading or caching as {@code saga.runtime.cache-states} says. */
    public <S> SagaRuntime<S> of(String name, SagaParticipant<S> participant) {
        return build(name, participant, runtimeSettings.cacheStates());
    }

    private <S> SagaRuntime<S> build(String name, SagaParticipant<S> participant, boolean caching) {
        var runtime =
                new SagaRuntime<>(name, participant, caching, template, deadLetters, settings, health, meters, tracing);
        built.add(runtime);
        return runtime;
    }

    /** Drops, in every runtime built here, the cached states of the partitions a consumer no longer owns. */
    public ConsumerAwareRebalanceListener rebalanceListener() {
        return new ConsumerAwareRebalanceListener() {
            @Override
            public void onPartitionsRevokedBeforeCommit(
                    Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
                built.forEach(
                        runtime -> runtime.rebalanceListener().onPartitionsRevokedBeforeCommit(consumer, partitions));
            }

            @Override
            public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
                built.forEach(runtime -> runtime.rebalanceListener().onPartitionsLost(consumer, partitions));
            }
        };
    }
}
