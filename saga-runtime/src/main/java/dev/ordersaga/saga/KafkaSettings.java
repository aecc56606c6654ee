package dev.ordersaga.saga;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Kafka settings of the saga.
 *
 * <p>The two sizes a deployment must choose are read from documented variables as well as from
 * the properties: {@code SAGA_KAFKA_PARTITIONS} and {@code SAGA_KAFKA_REPLICATION_FACTOR} (see
 * {@link SagaKafkaVariables}). With the Spring profile {@code prod} active a replication factor
 * below 2 refuses to start ({@link ReplicationGuard}).
 *
 * @param partitions partitions of every saga topic (and its dead-letter topic) when a service creates it; the
 *     ceiling of consumer parallelism: a group never has more busy consumers than a topic has partitions
 *     ({@code SAGA_KAFKA_PARTITIONS})
 * @param replicationFactor replicas of every topic; 1 for the single local broker, at least 2 (3 with
 *     {@code min.insync.replicas=2}) in production ({@code SAGA_KAFKA_REPLICATION_FACTOR})
 * @param retryAttempts how many times a failed record is retried before it goes to {@code <topic>.DLT}
 * @param retryInterval pause between two retries of one record
 * @param sendTimeout how long a publish waits for the broker's acknowledgement before it fails
 * @param commitInterval how often a consumer commits the offsets of records it has processed (also after
 *     {@code commitCount} records); zero commits after every poll. Every record is still committed only after its
 *     listener returned; a crash redelivers at most this much, which the idempotent consumers absorb.
 * @param commitCount processed records after which a consumer commits before the interval is up
 * @param outageMaxBackOff the longest pause between two attempts while the store or the broker is down (the
 *     back-off doubles from {@code retryInterval} up to this); such attempts never end in the DLT
 * @param sessionTimeout the consumers' {@code session.timeout.ms}: how long the group coordinator waits for the
 *     heartbeat of an instance that died without leaving (SIGKILL, a lost host) before its partitions move to the
 *     survivors. Kafka's default is 45 s; 6 s is the broker's default minimum ({@code group.min.session.timeout.ms}),
 *     and heartbeats come from a thread of their own, so a slow batch does not count against it ({@code
 *     SAGA_KAFKA_SESSION_TIMEOUT}; less than 6 s needs the brokers' minimum lowered)
 * @param heartbeatInterval the consumers' {@code heartbeat.interval.ms}: at most a third of the session timeout;
 *     it is also how soon a surviving instance hears of a rebalance and rejoins
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
        @DefaultValue("5s") Duration outageMaxBackOff,
        @DefaultValue("6s") Duration sessionTimeout,
        @DefaultValue("1s") Duration heartbeatInterval) {

    public KafkaSettings {
        if (partitions < 1) {
            throw new IllegalArgumentException(
                    "saga.kafka.partitions (SAGA_KAFKA_PARTITIONS) must be at least 1, got " + partitions);
        }
        if (heartbeatInterval.multipliedBy(3).compareTo(sessionTimeout) > 0) {
            throw new IllegalArgumentException("saga.kafka.heartbeat-interval (" + heartbeatInterval
                    + ") must be at most a third of saga.kafka.session-timeout (" + sessionTimeout + ")");
        }
    }
}
