package dev.ordersaga.localstack.events;

import dev.ordersaga.events.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * {@code ./stack events}: every saga event of every topic ({@link Topics#ALL}), one line each, in
 * time order; {@code --order ID} keeps one order's; {@code -f} goes on printing new ones. Runs in a
 * JVM of its own with the Kafka jars (never on the launcher's class path). Reads with manual
 * assignment and no consumer group, so it leaves no trace on the broker.
 *
 * <p>Usage: {@code EventsMain <bootstrap> [--order ID] [-f]}
 */
public final class EventsMain {

    private EventsMain() {}

    public static void main(String[] args) {
        String bootstrap = args.length > 0 ? args[0] : "localhost:9092";
        String order = null;
        boolean follow = false;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--order" -> order = args[++i];
                case "-f", "--follow" -> follow = true;
                default -> {
                    System.err.println("unknown option " + args[i]);
                    System.exit(2);
                }
            }
        }
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "stack-events-" + UUID.randomUUID());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = new ArrayList<>();
            Map<String, List<PartitionInfo>> topics = consumer.listTopics(Duration.ofSeconds(15));
            for (String topic : Topics.ALL) {
                for (PartitionInfo p : topics.getOrDefault(topic, List.of())) {
                    partitions.add(new TopicPartition(p.topic(), p.partition()));
                }
            }
            if (partitions.isEmpty() && !follow) {
                System.out.println("no saga topics yet (no service has started, or the broker is new)");
                return;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);

            // the history, sorted by time across topics
            List<ConsumerRecord<String, String>> history = new ArrayList<>();
            while (!caughtUp(consumer, end)) {
                consumer.poll(Duration.ofMillis(500)).forEach(history::add);
            }
            history.sort(Comparator.comparingLong(ConsumerRecord::timestamp));
            int printed = 0;
            for (ConsumerRecord<String, String> record : history) {
                printed += print(record, order);
            }
            if (!follow) {
                if (printed == 0) {
                    System.out.println(order == null ? "no events yet" : "no events for order " + order);
                }
                return;
            }
            while (true) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    print(record, order);
                }
            }
        }
    }

    private static boolean caughtUp(KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private static int print(ConsumerRecord<String, String> record, String order) {
        if (order != null && !order.equals(record.key()) && !order.equals(EventFormat.orderId(record.value()))) {
            return 0;
        }
        System.out.println(EventFormat.line(record.topic(), record.timestamp(), record.key(), record.value()));
        return 1;
    }
}
