package dev.ordersaga.saga;

import dev.ordersaga.support.tracing.SagaTracing;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;

/**
 * Makes the {@link SagaRuntime} of a participant, wired to the saga's template, DLT, settings and
 * health. Every participant's listener builds its runtime here the same way ({@link #of}); whether
 * it loads every batch's states or caches them per owned partition is a setting ({@link
 * SagaRuntimeSettings}). The saga's container defaults give every listener container {@link
 * #rebalanceListener()}, so a caching runtime forgets the partitions its consumer loses.
 *
 * <p>A listener names its participant in its consumer properties ({@value #PARTICIPANT}{@code =<the
 * name given to of>}, e.g. {@code @KafkaListener(properties = ...)}): its consumer then reads only
 * the types the participant declares ({@link SagaParticipant#handledTypes}); the others are passed
 * over by their {@code event_type} header, unread ({@link EventFilter}).
 */
public class SagaRuntimes {

    /** Consumer property of a saga listener: the name of the participant it runs (as given to {@link #of}). */
    public static final String PARTICIPANT = "saga.participant";

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
        return build(name, participant, runtimeSettings.cacheStates() ? runtimeSettings.maxCachedStates() : 0);
    }

    private <S> SagaRuntime<S> build(String name, SagaParticipant<S> participant, int maxCachedStates) {
        var runtime = new SagaRuntime<>(
                name, participant, maxCachedStates, template, deadLetters, settings, health, meters, tracing);
        built.add(runtime);
        return runtime;
    }

    /**
     * For the consumer of a listener that names its participant ({@value #PARTICIPANT}): reads only
     * the types the participant handles ({@value EventFilter#TYPES}). Called for every listener
     * container as it is created (after every listener, and so every runtime, is built).
     *
     * @throws IllegalStateException if no runtime has that name (a typo would read everything)
     */
    public void narrowReading(ContainerProperties container) {
        Properties consumer = container.getKafkaConsumerProperties();
        String participant = consumer.getProperty(PARTICIPANT);
        if (participant == null) {
            return;
        }
        SagaRuntime<?> runtime = built.stream()
                .filter(r -> r.name().equals(participant))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "a listener names the saga participant '" + participant + "', but no runtime has that name"));
        // a copy: the container may share its properties object with its factory
        Properties narrowed = new Properties();
        narrowed.putAll(consumer);
        narrowed.remove(PARTICIPANT);
        if (!runtime.handledTypes().isEmpty()) {
            narrowed.setProperty(EventFilter.TYPES, EventFilter.typesProperty(runtime.handledTypes()));
        }
        container.setKafkaConsumerProperties(narrowed);
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
