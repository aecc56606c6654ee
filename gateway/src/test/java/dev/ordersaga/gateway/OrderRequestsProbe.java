package dev.ordersaga.gateway;

import dev.ordersaga.events.EventHeaders;
import dev.ordersaga.events.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Order-service's ear in the tests: one long-lived consumer on {@code order-requests} that keeps
 * every {@code OrderRequested} the gateway published, by user id (each test uses its own user, so
 * tests never see each other's orders). Polling a live consumer keeps the test's reaction well
 * within one hop timeout, even on a busy machine. The record's {@code reply_to} header (the gateway
 * instance waiting) is kept in the event as a field of that name, for the stand-in to reply to it.
 */
final class OrderRequestsProbe {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static volatile OrderRequestsProbe instance;

    private final ConcurrentHashMap<String, List<JsonNode>> byUser = new ConcurrentHashMap<>();

    private OrderRequestsProbe(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props);
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.ORDER_REQUESTS, Duration.ofSeconds(20)).stream()
                .map(p -> new TopicPartition(Topics.ORDER_REQUESTS, p.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Thread thread = new Thread(
                () -> {
                    while (true) {
                        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                            ObjectNode event = (ObjectNode) JSON.readTree(record.value());
                            Header replyTo = record.headers().lastHeader(EventHeaders.REPLY_TO);
                            if (replyTo != null) {
                                event.put(EventHeaders.REPLY_TO, new String(replyTo.value(), StandardCharsets.UTF_8));
                            }
                            byUser.computeIfAbsent(event.get("user_id").asString(), u -> new CopyOnWriteArrayList<>())
                                    .add(event);
                        }
                    }
                },
                "order-requests-probe");
        thread.setDaemon(true);
        thread.start();
    }

    static OrderRequestsProbe connect(String bootstrapServers) {
        if (instance == null) {
            synchronized (OrderRequestsProbe.class) {
                if (instance == null) {
                    instance = new OrderRequestsProbe(bootstrapServers);
                }
            }
        }
        return instance;
    }

    /** Every OrderRequested published for this user so far. */
    List<JsonNode> of(String userId) {
        return List.copyOf(byUser.getOrDefault(userId, List.of()));
    }

    /** Waits for the {@code n}-th OrderRequested of this user and returns all of them. */
    List<JsonNode> await(String userId, int n) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(10))
                .until(() -> of(userId).size() >= n);
        return of(userId);
    }

    JsonNode awaitOne(String userId) {
        return await(userId, 1).getFirst();
    }
}
