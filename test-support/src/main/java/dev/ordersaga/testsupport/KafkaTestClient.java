package dev.ordersaga.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Talks to the broker the way another service would, in raw JSON: publishes the exact JSON a
 * producer publishes, and reads what the service under test published. Reading scans a topic from
 * its beginning, so tests filter by their own (unique) order ids and never depend on each other.
 */
public class KafkaTestClient implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String bootstrapServers;
    private final KafkaProducer<String, String> producer;

    public KafkaTestClient(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        this.producer = new KafkaProducer<>(props);
    }

    /** Publishes raw JSON with the saga headers, waiting until the broker has it. */
    public void send(String topic, String key, String json) {
        send(topic, key, json, Map.of());
    }

    /** Publishes raw JSON with the saga headers and a W3C {@code traceparent}. */
    public void send(String topic, String key, String json, String traceparent) {
        send(topic, key, json, traceparent == null ? Map.of() : Map.of("traceparent", traceparent));
    }

    /**
     * Publishes a raw value with these headers; the saga headers it does not name are added as
     * usual ({@code event_type} from the JSON's {@code type}, a {@code correlation_id}).
     */
    public void send(String topic, String key, String value, Map<String, String> headers) {
        var record = new ProducerRecord<String, String>(topic, key, value);
        headers.forEach((name, content) -> record.headers().add(name, content.getBytes(StandardCharsets.UTF_8)));
        String type = typeOf(value);
        if (type != null && !headers.containsKey("event_type")) {
            record.headers().add("event_type", type.getBytes(StandardCharsets.UTF_8));
        }
        if (!headers.containsKey("correlation_id")) {
            record.headers().add("correlation_id", ("test-" + key).getBytes(StandardCharsets.UTF_8));
        }
        try {
            producer.send(record).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not publish to " + topic, e);
        }
    }

    /** Publishes raw bytes, e.g. a poison record. */
    public void sendRaw(String topic, String key, String value) {
        send(topic, key, value);
    }

    /** Every record on {@code topic} with this key, oldest first. */
    public List<Received> records(String topic, String key) {
        return all(topic).stream().filter(r -> key.equals(r.key())).toList();
    }

    /** Every record on {@code topic}, oldest first per partition. */
    public List<Received> all(String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<Received> out = new ArrayList<>();
        try (var consumer = new KafkaConsumer<String, String>(props)) {
            var partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    out.add(new Received(record.topic(), record.key(), record.value(), headers(record)));
                }
            }
        }
        return out;
    }

    /** Waits until a record with this key and event type is on the topic, and returns it. */
    public Received await(String topic, String key, String type) {
        return await(topic, key, r -> type.equals(r.type()), Duration.ofSeconds(20));
    }

    /** Waits until a record with this key that matches is on the topic, and returns the first such. */
    public Received await(String topic, String key, Predicate<Received> match, Duration timeout) {
        return awaitAtLeast(topic, key, match, 1, timeout).getFirst();
    }

    /** Waits until at least {@code count} records with this key that match are on the topic, and returns them all. */
    public List<Received> awaitAtLeast(
            String topic, String key, Predicate<Received> match, int count, Duration timeout) {
        List<Received> found = new ArrayList<>();
        Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(100)).until(() -> {
            found.clear();
            records(topic, key).stream().filter(match).forEach(found::add);
            return found.size() >= count;
        });
        return List.copyOf(found);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }

    private static Map<String, String> headers(ConsumerRecord<String, String> record) {
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        for (Header header : record.headers()) {
            headers.put(
                    header.key(), header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8));
        }
        return headers;
    }

    private static String typeOf(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            return node.has("type") ? node.get("type").asString() : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** A record as read back: key, raw JSON value, headers. */
    public record Received(String topic, String key, String value, Map<String, String> headers) {

        public JsonNode json() {
            return JSON.readTree(value);
        }

        public String type() {
            try {
                JsonNode node = json();
                return node.has("type") ? node.get("type").asString() : null;
            } catch (RuntimeException e) {
                return null;
            }
        }
    }
}
