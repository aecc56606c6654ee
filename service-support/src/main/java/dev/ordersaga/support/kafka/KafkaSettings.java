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
 * @param commitInterval how often a consumer commits the offsets of records it has processed (also after
 *     {@code commitCount} records); zero commits after every poll. Every record is still committed only after its
 *     listener returned; a crash redelivers at most this much, which the idempotent consumers absorb.
 * @param commitCount processed records after which a consumer commits before the interval is up
 * @param outageMaxBackOff the longest pause between two attempts while the store or the broker is down (the
 *     back-off doubles from {@code retryInterval} up to this); such attempts never end in the DLT
 */
@ConfigurationProperties("saga.kafka")
public record KafkaSettings(
        @DefaultValue("6") int partitions,
        @DefaultValue("1") short replicationFactor,
        @DefaultValue("3") int retryAttempts,
        @DefaultValue("200ms") Duration retryInterval,
        @DefaultValue("10s") Duration sendTimeout,
        @DefaultValue("200ms") Duration commitInterval,
        @DefaultValue("200") int commitCount,
        @DefaultValue("5s") Duration outageMaxBackOff) {}
