package dev.ordersaga.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.deadletters.DeadLetter;
import dev.ordersaga.deadletters.DeadLetters;
import dev.ordersaga.events.Topics;
import dev.ordersaga.localstack.events.DltMain;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code ./stack dlt} on the real broker: a valid event that was dead-lettered is listed with its
 * error and origin, re-driven to its topic once, and not again on a second re-drive.
 */
@Order(3)
@ExtendWith(E2eStack.class)
class DeadLetterIT {

    @Test
    void a_dead_lettered_event_is_listed_and_re_driven_to_its_topic_exactly_once() throws Exception {
        String bootstrap = E2eStack.get().stack().config().kafkaBootstrap();
        String orderId = "dlt-" + UUID.randomUUID();
        String json = DeadLettered.orderCancelled(bootstrap, orderId, "the test put it here");

        String listed = run(bootstrap, "list");
        assertThat(listed.lines().filter(line -> line.contains(orderId)))
                .singleElement()
                .satisfies(line -> assertThat(line)
                        .contains(
                                "order-events.DLT", "OrderCancelled", "IllegalStateException", "the test put it here"));
        assertThat(listed).contains("order-events.DLT: ");

        assertThat(run(bootstrap, "redrive", Topics.ORDER_EVENTS)).containsPattern("re-drove [1-9][0-9]* record");
        run(bootstrap, "redrive", Topics.ORDER_EVENTS);
        try (DeadLetters deadLetters = DeadLetters.connect(bootstrap)) {
            DeadLetter letter = deadLetters.recordsOf(orderId).getFirst();
            assertThat(letter.redriven()).isTrue();
            assertThat(deadLetters.redrive(List.of(letter.ref()), false).skipped())
                    .as("asked for by name, but re-driven before and not asked again")
                    .containsExactly(letter.ref());
        }

        List<String> redriven = recordsOf(bootstrap, Topics.ORDER_EVENTS, orderId);
        assertThat(redriven).as("re-driven once, as it was").containsExactly(json);
    }

    private static String run(String... args) {
        PrintStream original = System.out;
        var captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            DltMain.main(args);
        } finally {
            System.setOut(original);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        original.print(out);
        return out;
    }

    private static List<String> recordsOf(String bootstrap, String topic, String key) {
        List<String> values = new ArrayList<>();
        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> {
                    if (key.equals(r.key())) {
                        values.add(r.value());
                    }
                });
            }
        }
        return values;
    }
}
