package dev.ordersaga.saga;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * The documented variables of the topic sizes, {@code SAGA_KAFKA_PARTITIONS} and {@code
 * SAGA_KAFKA_REPLICATION_FACTOR}, of the consumers' session, {@code SAGA_KAFKA_SESSION_TIMEOUT}, and
 * of the listener threads per saga listener, {@code SAGA_KAFKA_LISTENER_THREADS} (Boot's {@code
 * spring.kafka.listener.concurrency}). Relaxed binding would read the middle two only as {@code
 * SAGA_KAFKA_REPLICATIONFACTOR} and {@code SAGA_KAFKA_SESSIONTIMEOUT}; this maps the names
 * explicitly, just behind the environment itself, so a variable wins over any {@code
 * application.yml} and a property set on the command line wins over the variable.
 *
 * <p>Where nothing sets the listener threads, they default to {@link #listenerThreads}: one per two
 * cores the JVM sees, at least one, at most one per partition. One consumer thread reads every
 * partition of its topics in one fetch, and while it works the next records gather, so its
 * batches grow with the load and cost nothing when the load is light; on the 2-core machine of
 * {@code bench/results/} three threads per participant gave the same CPU per order at 60 orders/s
 * as one, with p50 5.9 s instead of 0.4-0.9 s.
 */
public class SagaKafkaVariables implements EnvironmentPostProcessor {

    static final String SOURCE = "sagaKafkaVariables";
    static final String LISTENER_THREADS = "spring.kafka.listener.concurrency";
    static final String DEFAULTS_SOURCE = "sagaKafkaDefaults";

    static final Map<String, String> VARIABLES = Map.of(
            "SAGA_KAFKA_PARTITIONS",
            "saga.kafka.partitions",
            "SAGA_KAFKA_REPLICATION_FACTOR",
            "saga.kafka.replication-factor",
            "SAGA_KAFKA_SESSION_TIMEOUT",
            "saga.kafka.session-timeout",
            "SAGA_KAFKA_LISTENER_THREADS",
            LISTENER_THREADS);

    /** The listener threads where nothing sets them: one per two cores, at least one, at most one per partition. */
    static int listenerThreads(int cores, int partitions) {
        return Math.max(1, Math.min(partitions, cores / 2));
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> mapped = new LinkedHashMap<>();
        VARIABLES.forEach((variable, property) -> {
            String value = environment.getProperty(variable);
            if (value != null && !value.isBlank()) {
                mapped.put(property, value.trim());
            }
        });
        if (!mapped.isEmpty()) {
            addBehindTheEnvironment(environment, new MapPropertySource(SOURCE, mapped));
        }
        if (environment.getProperty(LISTENER_THREADS) == null) {
            int partitions = environment.getProperty("saga.kafka.partitions", Integer.class, 6);
            int threads = listenerThreads(Runtime.getRuntime().availableProcessors(), partitions);
            environment
                    .getPropertySources()
                    .addLast(new MapPropertySource(DEFAULTS_SOURCE, Map.of(LISTENER_THREADS, threads)));
        }
    }

    private static void addBehindTheEnvironment(ConfigurableEnvironment environment, MapPropertySource source) {
        if (environment.getPropertySources().contains(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)) {
            environment
                    .getPropertySources()
                    .addAfter(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, source);
        } else {
            environment.getPropertySources().addLast(source);
        }
    }
}
