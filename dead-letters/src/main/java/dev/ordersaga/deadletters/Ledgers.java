package dev.ordersaga.deadletters;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Where the {@link Ledger}s are kept: the committed offsets (and their metadata) of one consumer group per
 * dead-letter topic, {@code stack-dlt-redrive-<topic>}, which no consumer ever joins.
 */
final class Ledgers {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final Map<String, Object> clientProperties;

    Ledgers(Map<String, Object> clientProperties) {
        this.clientProperties = clientProperties;
    }

    static String group(String topic) {
        return "stack-dlt-redrive-" + topic;
    }

    /** The ledger of each partition of {@code topic}'s dead-letter topic; {@code start}: where each log starts. */
    Map<TopicPartition, Ledger> read(String topic, List<TopicPartition> partitions, Map<TopicPartition, Long> start) {
        Map<TopicPartition, Ledger> ledgers = new HashMap<>();
        if (partitions.isEmpty()) {
            return ledgers;
        }
        Map<TopicPartition, OffsetAndMetadata> committed;
        try (KafkaConsumer<byte[], byte[]> group = groupConsumer(topic)) {
            committed = group.committed(Set.copyOf(partitions), TIMEOUT);
        }
        // records the broker deleted (retention) count as done: the ledger starts at the log's start
        for (TopicPartition p : partitions) {
            OffsetAndMetadata c = committed.get(p);
            long from = start.get(p);
            ledgers.put(
                    p,
                    c == null || c.offset() < from
                            ? Ledger.of(from, c == null ? null : c.metadata())
                            : Ledger.of(c.offset(), c.metadata()));
        }
        return ledgers;
    }

    /** Keeps the ledgers of the {@code touched} partitions. */
    void commit(String topic, Map<TopicPartition, Ledger> ledgers, Set<TopicPartition> touched) {
        if (touched.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition p : touched) {
            Ledger ledger = ledgers.get(p);
            offsets.put(p, new OffsetAndMetadata(ledger.offset(), ledger.metadata()));
        }
        try (KafkaConsumer<byte[], byte[]> group = groupConsumer(topic)) {
            group.assign(touched);
            group.commitSync(offsets, TIMEOUT);
        }
    }

    private KafkaConsumer<byte[], byte[]> groupConsumer(String topic) {
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group(topic));
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "dead-letters-ledger-" + UUID.randomUUID());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return new KafkaConsumer<>(props);
    }
}
