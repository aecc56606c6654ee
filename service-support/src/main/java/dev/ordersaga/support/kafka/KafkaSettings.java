package dev.ordersaga.support.kafka;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Kafka settings of the saga.
 *
 * @param partitions partitions of every saga topic (and its dead-letter topic) when a service creates it
 * @param replicationFactor replicas of every topic; 1 for the single local broker
 * @param retryAttempts how many times a failed record is retried before it goes to {@code <topic>.DLT}
 * @param retryInterval pause between two retries of one record
 * @param sendTimeout how long a publish waits for the broker's acknowledgement before it fails
 */
@ConfigurationProperties("saga.kafka")
public record KafkaSettings(
        @DefaultValue("6") int partitions,
        @DefaultValue("1") short replicationFactor,
        @DefaultValue("3") int retryAttempts,
        @DefaultValue("200ms") Duration retryInterval,
        @DefaultValue("10s") Duration sendTimeout) {}
