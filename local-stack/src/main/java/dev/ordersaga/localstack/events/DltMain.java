package dev.ordersaga.localstack.events;

import dev.ordersaga.events.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * {@code ./stack dlt}: what the dead-letter topics hold, and re-driving them.
 *
 * <ul>
 *   <li>{@code list}: every record of every {@code <topic>.DLT}: when, key (order id), type, the
 *       error the consumer gave up with, and where it came from;
 *   <li>{@code redrive <topic>}: publishes the records of {@code <topic>.DLT} to {@code <topic>} again,
 *       as they first came (key, value, saga headers; the DLT's own headers dropped). Safe because
 *       every consumer is idempotent. A consumer group per topic remembers what was re-driven, so
 *       running it twice does not send the same records twice.
 * </ul>
 *
 * Runs in a JVM of its own with the Kafka jars, like {@link EventsMain}.
 *
 * <p>Usage: {@code DltMain <bootstrap> list} or {@code DltMain <bootstrap> redrive <topic>}
 */
public final class DltMain {

    static final String DLT_HEADER_PREFIX = "kafka_dlt-";

    private DltMain() {}

    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: DltMain <bootstrap> list | redrive <topic>");
            System.exit(2);
        }
        String bootstrap = args[0];
        switch (args[1]) {
            case "list" -> list(bootstrap);
            case "redrive" -> {
                if (args.length < 3 || !Topics.ALL.contains(args[2])) {
                    System.err.println("redrive needs one of the saga topics: " + String.join(", ", Topics.ALL));
                    System.exit(2);
                }
                redrive(bootstrap, args[2]);
            }
            default -> {
                System.err.println("unknown action " + args[1] + " (list, redrive)");
                System.exit(2);
            }
        }
    }

    private static void list(String bootstrap) {
        Map<String, Integer> counts = new TreeMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps(bootstrap, null))) {
            for (String topic : Topics.ALL) {
                String dlt = Topics.deadLetter(topic);
                for (ConsumerRecord<byte[], byte[]> record : readAll(consumer, dlt)) {
                    counts.merge(dlt, 1, Integer::sum);
                    System.out.println(line(record));
                }
            }
        }
        if (counts.isEmpty()) {
            System.out.println("every dead-letter topic is empty");
        } else {
            counts.forEach((dlt, n) -> System.out.println(dlt + ": " + n + (n == 1 ? " record" : " records")));
        }
    }

    private static void redrive(String bootstrap, String topic) {
        String dlt = Topics.deadLetter(topic);
        Properties producerProps = new Properties();
        producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerProps.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        producerProps.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        int sent = 0;
        try (KafkaConsumer<byte[], byte[]> consumer =
                        new KafkaConsumer<>(consumerProps(bootstrap, "stack-dlt-redrive-" + topic));
                KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps)) {
            consumer.subscribe(List.of(dlt));
            Map<TopicPartition, OffsetAndMetadata> done = new java.util.HashMap<>();
            int idle = 0;
            while (idle < 3) {
                var records = consumer.poll(Duration.ofSeconds(1));
                if (records.isEmpty()) {
                    idle++;
                    continue;
                }
                idle = 0;
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    var again = new ProducerRecord<>(topic, null, record.key(), record.value());
                    for (Header header : record.headers()) {
                        if (!header.key().startsWith(DLT_HEADER_PREFIX)) {
                            again.headers().add(header);
                        }
                    }
                    producer.send(again);
                    done.put(
                            new TopicPartition(record.topic(), record.partition()),
                            new OffsetAndMetadata(record.offset() + 1));
                    sent++;
                }
                producer.flush();
                consumer.commitSync(done);
            }
        }
        System.out.println("re-drove " + sent + (sent == 1 ? " record" : " records") + " from " + dlt + " to " + topic);
    }

    private static Properties consumerProps(String bootstrap, String group) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "stack-dlt-" + UUID.randomUUID());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        if (group != null) {
            props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        }
        return props;
    }

    /** Every record of one topic, read by assignment (no group, no trace on the broker). */
    private static List<ConsumerRecord<byte[], byte[]>> readAll(KafkaConsumer<byte[], byte[]> consumer, String topic) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (PartitionInfo p : consumer.partitionsFor(topic, Duration.ofSeconds(15))) {
            partitions.add(new TopicPartition(p.topic(), p.partition()));
        }
        List<ConsumerRecord<byte[], byte[]>> all = new ArrayList<>();
        if (partitions.isEmpty()) {
            return all;
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
            consumer.poll(Duration.ofMillis(500)).forEach(all::add);
        }
        return all;
    }

    static String line(ConsumerRecord<byte[], byte[]> record) {
        String value = record.value() == null ? "" : new String(record.value(), StandardCharsets.UTF_8);
        String type = header(record, "event_type");
        if (type == null) {
            type = EventFormat.type(value);
        }
        String error = header(record, DLT_HEADER_PREFIX + "exception-fqcn");
        String message = header(record, DLT_HEADER_PREFIX + "exception-message");
        String from = header(record, DLT_HEADER_PREFIX + "original-topic") + "-"
                + header(record, DLT_HEADER_PREFIX + "original-partition") + "@"
                + header(record, DLT_HEADER_PREFIX + "original-offset");
        return "%s  %s  %s  %s  from %s  %s%s"
                .formatted(
                        Instant.ofEpochMilli(record.timestamp()),
                        record.topic(),
                        type == null ? "(unreadable)" : type,
                        record.key() == null ? "-" : new String(record.key(), StandardCharsets.UTF_8),
                        from,
                        error == null ? "" : error.substring(error.lastIndexOf('.') + 1),
                        message == null ? "" : ": " + shorten(message));
    }

    private static String shorten(String message) {
        String oneLine = message.replaceAll("\\s+", " ");
        return oneLine.length() > 200 ? oneLine.substring(0, 200) + "..." : oneLine;
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        if (header == null || header.value() == null) {
            return null;
        }
        byte[] value = header.value();
        // Spring writes the original partition and offset as binary numbers
        if (name.endsWith("original-partition") && value.length == 4) {
            return Integer.toString(java.nio.ByteBuffer.wrap(value).getInt());
        }
        if (name.endsWith("original-offset") && value.length == 8) {
            return Long.toString(java.nio.ByteBuffer.wrap(value).getLong());
        }
        return new String(value, StandardCharsets.UTF_8);
    }
}
