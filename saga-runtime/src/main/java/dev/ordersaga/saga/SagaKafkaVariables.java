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
 * SAGA_KAFKA_REPLICATION_FACTOR}, and of the consumers' session, {@code SAGA_KAFKA_SESSION_TIMEOUT}.
 * Relaxed binding would read the last two only as {@code SAGA_KAFKA_REPLICATIONFACTOR} and {@code
 * SAGA_KAFKA_SESSIONTIMEOUT}; this maps the names explicitly, just behind the environment
 * itself, so a variable wins over any {@code application.yml} and a property set on the command
 * line wins over the variable.
 */
public class SagaKafkaVariables implements EnvironmentPostProcessor {

    static final String SOURCE = "sagaKafkaVariables";

    static final Map<String, String> VARIABLES = Map.of(
            "SAGA_KAFKA_PARTITIONS",
            "saga.kafka.partitions",
            "SAGA_KAFKA_REPLICATION_FACTOR",
            "saga.kafka.replication-factor",
            "SAGA_KAFKA_SESSION_TIMEOUT",
            "saga.kafka.session-timeout");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> mapped = new LinkedHashMap<>();
        VARIABLES.forEach((variable, property) -> {
            String value = environment.getProperty(variable);
            if (value != null && !value.isBlank()) {
                mapped.put(property, value.trim());
            }
        });
        if (mapped.isEmpty()) {
            return;
        }
        var source = new MapPropertySource(SOURCE, mapped);
        if (environment.getPropertySources().contains(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)) {
            environment
                    .getPropertySources()
                    .addAfter(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, source);
        } else {
            environment.getPropertySources().addLast(source);
        }
    }
}
