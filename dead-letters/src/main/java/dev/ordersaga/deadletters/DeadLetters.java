package dev.ordersaga.deadletters;

import dev.ordersaga.events.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The dead-letter topics: what they hold, and re-driving their records to the topics they came from.
 * One implementation for {@code ./stack dlt} and the operator console.
 *
 * <p>A re-drive publishes a record as it first came (key, value, saga headers; the headers the error
 * handler added are dropped). That is safe because every consumer is idempotent. What was re-driven
 * is remembered per dead-letter topic in the consumer group {@code stack-dlt-redrive-<topic>} (see
 * {@link Ledger}), so "re-drive everything" sends each record once; a record re-driven before is sent
 * again only when asked for by name with {@code again}. Kafka never deletes a record on request, so
 * a dead-letter topic's "waiting" count is what falls, not its total.
 *
 * <p>Not thread-safe: one instance per caller (it holds a consumer); short-lived is fine.
 */
public final class DeadLetters implements AutoCloseable {

    /** The prefix of the headers Spring's dead-letter publisher adds. */
    public static final String DLT_HEADER_PREFIX = "kafka_dlt-";

    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Map<String, Object> clientProperties;
    private final Ledgers ledgers;
    private KafkaProducer<byte[], byte[]> producer;

    /**
     * @param clientProperties how to reach the broker: {@code bootstrap.servers} and, where the broker
     *     wants them, the security settings; serializers and groups are set here
     */
    public DeadLetters(Map<String, Object> clientProperties) {
        this.clientProperties = Map.copyOf(clientProperties);
        this.ledgers = new Ledgers(this.clientProperties);
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "dead-letters-" + UUID.randomUUID());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.consumer = new KafkaConsumer<>(props);
    }

    public static DeadLetters connect(String bootstrap) {
        return new DeadLetters(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    /** The dead-letter topic of every saga topic (an empty or missing one counts 0). */
    public List<DeadLetterTopic> topics() {
        List<DeadLetterTopic> all = new ArrayList<>();
        for (String topic : Topics.ALL) {
            String dlt = Topics.deadLetter(topic);
            List<TopicPartition> partitions = partitions(dlt);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, TIMEOUT);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
            Map<TopicPartition, Ledger> ledgers =
                    this.ledgers.read(topic, partitions, consumer.beginningOffsets(partitions, TIMEOUT));
            long total = 0;
            long waiting = 0;
            for (TopicPartition p : partitions) {
                total += end.get(p) - begin.get(p);
                waiting += ledgers.get(p).waiting(begin.get(p), end.get(p));
            }
            all.add(new DeadLetterTopic(dlt, topic, total, waiting));
        }
        return all;
    }

    /** Every record of every dead-letter topic, topic by topic, oldest first within a partition. */
    public List<DeadLetter> records() {
        List<DeadLetter> all = new ArrayList<>();
        for (String topic : Topics.ALL) {
            all.addAll(records(Topics.deadLetter(topic)));
        }
        return all;
    }

    /** Every record of one dead-letter topic. */
    public List<DeadLetter> records(String dlt) {
        String topic = originOf(dlt);
        List<TopicPartition> partitions = partitions(dlt);
        Map<TopicPartition, Ledger> ledgers =
                this.ledgers.read(topic, partitions, consumer.beginningOffsets(partitions, TIMEOUT));
        return readAll(partitions).stream()
                .map(r -> DeadLetterRecords.view(r, ledgers.get(new TopicPartition(r.topic(), r.partition()))))
                .toList();
    }

    /** The records of one order, in every dead-letter topic. */
    public List<DeadLetter> recordsOf(String orderId) {
        return records().stream().filter(d -> orderId.equals(d.orderId())).toList();
    }

    /** Re-drives every record of {@code topic}'s dead-letter topic not re-driven yet. */
    public Redrive redriveAll(String topic) {
        String dlt = Topics.deadLetter(checkTopic(topic));
        List<RecordRef> waiting = records(dlt).stream()
                .filter(d -> !d.redriven())
                .map(DeadLetter::ref)
                .toList();
        return redrive(waiting, false);
    }

    /**
     * Re-drives the named records, each to the topic of its dead-letter topic.
     *
     * @param again send records re-driven before once more (otherwise they are skipped)
     */
    public Redrive redrive(Collection<RecordRef> refs, boolean again) {
        List<RecordRef> sent = new ArrayList<>();
        List<RecordRef> skipped = new ArrayList<>();
        List<RecordRef> missing = new ArrayList<>();
        Map<String, List<RecordRef>> byTopic = refs.stream()
                .distinct()
                .collect(Collectors.groupingBy(RecordRef::topic, LinkedHashMap::new, Collectors.toList()));
        for (var entry : byTopic.entrySet()) {
            String dlt = entry.getKey();
            if (!Topics.ALL.contains(originOf(dlt)) || !dlt.endsWith(Topics.DEAD_LETTER_SUFFIX)) {
                missing.addAll(entry.getValue());
                continue;
            }
            String topic = originOf(dlt);
            List<TopicPartition> partitions = partitions(dlt);
            Map<TopicPartition, Ledger> ledgers =
                    this.ledgers.read(topic, partitions, consumer.beginningOffsets(partitions, TIMEOUT));
            List<Future<RecordMetadata>> acks = new ArrayList<>();
            Set<TopicPartition> touched = new java.util.HashSet<>();
            for (RecordRef ref : entry.getValue()) {
                TopicPartition p = new TopicPartition(dlt, ref.partition());
                Ledger ledger = ledgers.get(p);
                Optional<ConsumerRecord<byte[], byte[]>> record =
                        ledger == null ? Optional.empty() : read(p, ref.offset());
                if (record.isEmpty()) {
                    missing.add(ref);
                    continue;
                }
                if (ledger.done(ref.offset()) && !again) {
                    skipped.add(ref);
                    continue;
                }
                acks.add(producer().send(again(topic, record.get())));
                ledger.mark(ref.offset());
                touched.add(p);
                sent.add(ref);
            }
            awaitAll(acks);
            this.ledgers.commit(topic, ledgers, touched);
        }
        return new Redrive(sent, skipped, missing);
    }

    /** {@code order-events.DLT} → {@code order-events}. */
    public static String originOf(String dlt) {
        return dlt.endsWith(Topics.DEAD_LETTER_SUFFIX)
                ? dlt.substring(0, dlt.length() - Topics.DEAD_LETTER_SUFFIX.length())
                : dlt;
    }

    /** The consumer group that remembers what was re-driven from {@code topic}'s dead-letter topic. */
    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    private static String checkTopic(String topic) {
        if (!Topics.ALL.contains(topic)) {
            throw new IllegalArgumentException(
                    "not a saga topic: " + topic + " (one of " + String.join(", ", Topics.ALL) + ")");
        }
        return topic;
    }

    private KafkaProducer<byte[], byte[]> producer() {
        if (producer == null) {
            Map<String, Object> props = new HashMap<>(clientProperties);
            props.remove(ConsumerConfig.GROUP_ID_CONFIG);
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
            props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
            props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
            producer = new KafkaProducer<>(props);
        }
        return producer;
    }

    private static ProducerRecord<byte[], byte[]> again(String topic, ConsumerRecord<byte[], byte[]> record) {
        var again = new ProducerRecord<byte[], byte[]>(topic, null, record.key(), record.value());
        for (Header header : record.headers()) {
            if (!header.key().startsWith(DLT_HEADER_PREFIX)) {
                again.headers().add(header);
            }
        }
        return again;
    }

    private static void awaitAll(List<Future<RecordMetadata>> acks) {
        for (Future<RecordMetadata> ack : acks) {
            try {
                ack.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while re-driving", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("the broker refused a re-driven record: " + e.getCause(), e);
            }
        }
    }

    private List<TopicPartition> partitions(String topic) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, TIMEOUT);
        if (infos == null) {
            return List.of();
        }
        return infos.stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .sorted(java.util.Comparator.comparingInt(TopicPartition::partition))
                .toList();
    }

    /** The re-drive ledger of each partition, read from the topic's re-drive group. */
    /** Every record of the partitions, read by assignment (no group, no trace on the broker). */
    private List<ConsumerRecord<byte[], byte[]>> readAll(List<TopicPartition> partitions) {
        List<ConsumerRecord<byte[], byte[]>> all = new ArrayList<>();
        if (partitions.isEmpty()) {
            return all;
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())
                && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(200)).forEach(all::add);
        }
        all.sort(java.util.Comparator.<ConsumerRecord<byte[], byte[]>>comparingInt(ConsumerRecord::partition)
                .thenComparingLong(ConsumerRecord::offset));
        return all;
    }

    private Optional<ConsumerRecord<byte[], byte[]>> read(TopicPartition partition, long offset) {
        List<TopicPartition> one = List.of(partition);
        long endOffset = consumer.endOffsets(one, TIMEOUT).get(partition);
        if (offset >= endOffset) {
            return Optional.empty();
        }
        consumer.assign(one);
        consumer.seek(partition, offset);
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline && consumer.position(partition) <= offset) {
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                if (r.offset() == offset) {
                    return Optional.of(r);
                }
            }
        }
        return Optional.empty();
    }
}
