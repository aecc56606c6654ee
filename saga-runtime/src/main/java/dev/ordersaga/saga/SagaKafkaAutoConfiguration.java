package dev.ordersaga.saga;

import dev.ordersaga.events.Event;
import dev.ordersaga.events.Topics;
import dev.ordersaga.saga.publish.ReliablePublisher;
import dev.ordersaga.support.tracing.SagaTracing;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * The saga's Kafka defaults, applied on top of Boot's Kafka auto-configuration:
 *
 * <ul>
 *   <li>producers: {@code acks=all}, idempotence on, {@code linger.ms=0} (Kafka 4 defaults to 5 ms,
 *       which costs 5 ms per hop); events as JSON without Spring's type headers;
 *   <li>consumers: no auto-commit (the container commits after the listener returned, every
 *       {@code saga.kafka.commit-interval} rather than after every record: one offset commit per
 *       record was a sixth of the broker's work under load), read from
 *       the earliest offset for a new group, values read through an {@link ErrorHandlingDeserializer}
 *       into {@link Event} ({@link EventDeserializer}: a schema version the records do not read is
 *       refused like malformed JSON) so a malformed record cannot block its partition; session timeout and
 *       heartbeat from {@link KafkaSettings} (a dead instance's partitions move in seconds);
 *   <li>errors: an outage of the store or the broker is retried until it ends (never dead-lettered);
 *       anything else gets a bounded number of retries, then the record goes to {@code <topic>.DLT} (raw
 *       bytes for records that could not be read) and the partition moves on;
 *   <li>{@link SagaRuntimes}: the batch runtime every participant runs on (every listener container
 *       gets its rebalance listener, so a caching runtime forgets the partitions it loses, and a
 *       listener that names its participant reads only the event types it handles, see {@link
 *       SagaRuntimes#PARTICIPANT});
 *   <li>{@link ReliablePublisher}: the one way to publish reliably after a write outside a consumed record;
 *   <li>every saga topic and its dead-letter topic declared.
 * </ul>
 */
@AutoConfiguration(before = KafkaAutoConfiguration.class)
@EnableConfigurationProperties({KafkaSettings.class, SagaRuntimeSettings.class})
public class SagaKafkaAutoConfiguration {

    @Bean
    DefaultKafkaProducerFactoryCustomizer sagaProducerDefaults() {
        return factory -> {
            factory.updateConfigs(Map.of(
                    ProducerConfig.ACKS_CONFIG,
                    "all",
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                    true,
                    ProducerConfig.LINGER_MS_CONFIG,
                    0,
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                    StringSerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                    DelegatingByTypeSerializer.class));
            @SuppressWarnings("unchecked")
            var typed = (DefaultKafkaProducerFactory<Object, Object>) factory;
            typed.setKeySerializer(keySerializer());
            typed.setValueSerializer(valueSerializer());
        };
    }

    @Bean
    DefaultKafkaConsumerFactoryCustomizer sagaConsumerDefaults(KafkaSettings settings) {
        return factory -> {
            factory.updateConfigs(Map.of(
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                    false,
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                    "earliest",
                    // failover in seconds: a SIGKILLed instance sends no LeaveGroup, so its
                    // partitions wait for the session timeout (Kafka's default 45 s) to move
                    ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG,
                    (int) settings.sessionTimeout().toMillis(),
                    ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG,
                    (int) settings.heartbeatInterval().toMillis()));
            @SuppressWarnings("unchecked")
            var typed = (DefaultKafkaConsumerFactory<String, Event>) factory;
            typed.setKeyDeserializerSupplier(StringDeserializer::new);
            typed.setValueDeserializerSupplier(() -> new ErrorHandlingDeserializer<Event>(new EventDeserializer()));
        };
    }

    @Bean
    ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> sagaContainerDefaults(
            KafkaSettings settings, ObjectProvider<SagaRuntimes> runtimes) {
        return container -> {
            // a caching runtime forgets the partitions its consumer loses (a container with a
            // rebalance listener of its own keeps it)
            SagaRuntimes built = runtimes.getIfAvailable();
            if (built != null && container.getContainerProperties().getConsumerRebalanceListener() == null) {
                container.getContainerProperties().setConsumerRebalanceListener(built.rebalanceListener());
            }
            // a listener that names its participant reads only the types it handles
            if (built != null) {
                built.narrowReading(container.getContainerProperties());
            }
            if (settings.commitInterval().isPositive()) {
                ContainerProperties properties = container.getContainerProperties();
                properties.setAckMode(ContainerProperties.AckMode.COUNT_TIME);
                properties.setAckTime(settings.commitInterval().toMillis());
                properties.setAckCount(settings.commitCount());
            }
            // The consumer thread does not wait for its commits: a commit that is lost only makes
            // the broker redeliver what was processed, which the idempotent consumers absorb.
            container.getContainerProperties().setSyncCommits(false);
            // A consumer's thread lives as long as its container and spends its life waiting: in
            // poll(), on the store, on the broker's acknowledgements. A platform thread does that in
            // the kernel; on a virtual thread (Boot's choice under spring.threads.virtual.enabled,
            // which the web side keeps) every wait went through the carrier pool, the I/O poller and
            // the delay scheduler, a handoff between threads each time (bench/results/s16-consumers-*).
            container
                    .getContainerProperties()
                    .setListenerTaskExecutor(
                            platformThreads(Objects.requireNonNullElse(container.getListenerId(), "kafka-consumer")));
        };
    }

    /** The consumer threads of one listener, platform threads named after it ({@code inventory-saga-1}). */
    static SimpleAsyncTaskExecutor platformThreads(String listenerId) {
        SimpleAsyncTaskExecutor threads = new SimpleAsyncTaskExecutor(listenerId + "-");
        threads.setVirtualThreads(false);
        return threads;
    }

    @Bean
    @ConditionalOnMissingBean
    DeadLetterPublishingRecoverer sagaDeadLetters(KafkaTemplate<Object, Object> template) {
        // Partition -1: the DLT record is partitioned by its key, so the DLT needs no particular size.
        var recoverer = new DeadLetterPublishingRecoverer(
                template, (record, exception) -> new TopicPartition(Topics.deadLetter(record.topic()), -1));
        recoverer.setExceptionHeadersCreator(SagaKafkaAutoConfiguration::exceptionHeaders);
        return recoverer;
    }

    /**
     * The DLT's exception headers (Spring's names) say why: for a record that could not be read, the
     * reader's own exception (e.g. an {@link dev.ordersaga.events.UnsupportedEventVersionException}
     * with the version and what this consumer reads) rather than Spring's wrapper "failed to
     * deserialize"; the message ends with the root cause's.
     */
    static void exceptionHeaders(
            Headers headers, Exception exception, boolean isKey, DeadLetterPublishingRecoverer.HeaderNames names) {
        Exception reason = EventDeserializer.reasonOf(exception);
        Throwable root = reason;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = Objects.toString(reason.getMessage(), "");
        if (root != reason && root.getMessage() != null && !message.contains(root.getMessage())) {
            message = message + "; " + root.getMessage();
        }
        var info = names.getExceptionInfo();
        StringWriter stackTrace = new StringWriter();
        reason.printStackTrace(new PrintWriter(stackTrace));
        replace(
                headers,
                isKey ? info.getKeyExceptionFqcn() : info.getExceptionFqcn(),
                reason.getClass().getName());
        if (!isKey && root != reason) {
            replace(headers, info.getExceptionCauseFqcn(), root.getClass().getName());
        }
        replace(headers, isKey ? info.getKeyExceptionMessage() : info.getExceptionMessage(), message);
        replace(
                headers,
                isKey ? info.getKeyExceptionStacktrace() : info.getExceptionStacktrace(),
                stackTrace.toString());
    }

    private static void replace(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The failure policy. An outage of the store or the broker is retried with a capped
     * exponential back-off for as long as it lasts, the consumer paused meanwhile, and never
     * dead-lettered; anything else gets {@code saga.kafka.retry-attempts} retries, then the DLT.
     * A record that cannot be read is not retried at all (Spring's default classification).
     */
    @Bean
    @ConditionalOnMissingBean(CommonErrorHandler.class)
    DefaultErrorHandler sagaErrorHandler(DeadLetterPublishingRecoverer deadLetters, KafkaSettings settings) {
        var handler = new DefaultErrorHandler(
                deadLetters, new FixedBackOff(settings.retryInterval().toMillis(), settings.retryAttempts()));
        handler.setBackOffFunction((record, exception) -> {
            if (!Infrastructure.isOutage(exception)) {
                return null; // the bounded default
            }
            var untilItWorks = new ExponentialBackOff(settings.retryInterval().toMillis(), 2.0);
            untilItWorks.setMaxInterval(settings.outageMaxBackOff().toMillis());
            return untilItWorks; // no maximum elapsed time: retried until the outage ends
        });
        return handler;
    }

    @Bean
    @ConditionalOnMissingBean
    SagaRuntimeHealth sagaRuntimeHealthIndicator(ObjectProvider<MeterRegistry> meters) {
        return new SagaRuntimeHealth(meters.getIfAvailable(SimpleMeterRegistry::new), Clock.systemUTC());
    }

    @Bean
    @ConditionalOnMissingBean
    SagaRuntimes sagaRuntimes(
            KafkaTemplate<Object, Object> template,
            DeadLetterPublishingRecoverer deadLetters,
            KafkaSettings settings,
            SagaRuntimeSettings runtimeSettings,
            SagaRuntimeHealth health,
            ObjectProvider<MeterRegistry> meters,
            ObjectProvider<SagaTracing> tracing) {
        return new SagaRuntimes(
                template,
                deadLetters,
                settings,
                runtimeSettings,
                health,
                meters.getIfAvailable(SimpleMeterRegistry::new),
                tracing.getIfAvailable(SagaTracing::none));
    }

    @Bean
    @ConditionalOnMissingBean
    EventPublisher eventPublisher(KafkaTemplate<Object, Object> template, KafkaSettings settings) {
        return new EventPublisher(template, settings);
    }

    @Bean
    @ConditionalOnMissingBean
    ReliablePublisher reliablePublisher(EventPublisher publisher, ObjectProvider<SagaTracing> tracing) {
        return new ReliablePublisher(publisher, tracing.getIfAvailable(SagaTracing::none));
    }

    @Bean
    KafkaAdmin.NewTopics sagaTopics(KafkaSettings settings) {
        List<NewTopic> topics = new ArrayList<>();
        for (String topic : Topics.ALL) {
            topics.add(new NewTopic(topic, settings.partitions(), settings.replicationFactor()));
            topics.add(new NewTopic(Topics.deadLetter(topic), settings.partitions(), settings.replicationFactor()));
        }
        return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Serializer<Object> keySerializer() {
        return (Serializer) new StringSerializer();
    }

    /** Events as JSON; raw bytes (a dead-lettered record that could not be read) as they came. */
    private static Serializer<Object> valueSerializer() {
        var json = new JacksonJsonSerializer<Object>(EventJson.mapper());
        json.setAddTypeInfo(false);
        Map<Class<?>, Serializer<?>> byType = new LinkedHashMap<>();
        byType.put(byte[].class, new ByteArraySerializer());
        byType.put(Object.class, json);
        return new DelegatingByTypeSerializer(byType, true);
    }
}
