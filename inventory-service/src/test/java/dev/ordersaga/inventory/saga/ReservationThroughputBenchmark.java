package dev.ordersaga.inventory.saga;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.events.Topics;
import dev.ordersaga.inventory.InventoryIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

/**
 * How many reservations per second one inventory instance sustains: publishes N
 * {@code CustomerValidated} (one line, one unit) as fast as the producer can, and times until N
 * outcomes are on {@code inventory-events}. Not a test of the build (its name does not match the
 * surefire includes); run it on purpose:
 *
 * <pre>./mvnw -B -o -pl inventory-service test -Dtest=ReservationThroughputBenchmark -Dbench.orders=2000</pre>
 *
 * It runs in the shared test context: 3 partitions, 3 consumer threads per listener, embedded
 * broker and mongo-java-server (memory) in the same JVM. Results go to the test output and to
 * {@code target/reservation-benchmark.txt}.
 */
class ReservationThroughputBenchmark extends InventoryIntegrationTest {

    @Value("${spring.kafka.bootstrap-servers}")
    String brokers;

    @Value("${spring.kafka.listener.concurrency}")
    int concurrency;

    @org.springframework.beans.factory.annotation.Autowired
    KafkaListenerEndpointRegistry listeners;

    @org.springframework.beans.factory.annotation.Autowired
    MeterRegistry meters;

    @Test
    void reservations_per_second() throws Exception {
        int orders = Integer.getInteger("bench.orders", 2000);
        int warmUp = Math.min(300, orders);

        run("warm-up", warmUp, 10);
        Result spread = run("spread over 10 products", orders, 10);
        Result hot = run("all on 1 product", orders, 1);

        String report = """
                inventory-service reservation throughput, %s
                  machine: %d cores available to the JVM, load average %s
                  setup: embedded Kafka broker + mongo-java-server (memory) in the test JVM, \
                customer-events with %d partitions, listener concurrency %d
                  %s
                  %s
                """.formatted(
                        Instant.now(),
                        Runtime.getRuntime().availableProcessors(),
                        loadAverage(),
                        partitions(),
                        concurrency,
                        spread,
                        hot);
        System.out.println(report);
        Files.writeString(
                Path.of("target", "reservation-benchmark.txt"),
                report,
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        assertThat(invariants().get("ok").asBoolean()).isTrue();
        assertThat(listeners.getListenerContainer("inventory-saga")).isNotNull();
    }

    record Result(
            String name,
            int orders,
            double publishSeconds,
            double totalSeconds,
            double meanStepMillis,
            Map<String, Integer> outcomes) {
        double perSecond() {
            return orders / totalSeconds;
        }

        @Override
        public String toString() {
            return ("%-24s N=%d: %.0f reservations/s (all outcomes after %.2f s; publishing took %.2f s;"
                            + " reserve step in MongoDB %.1f ms mean, publish excluded) %s")
                    .formatted(name, orders, perSecond(), totalSeconds, publishSeconds, meanStepMillis, outcomes);
        }
    }

    private Result run(String name, int orders, int productCount) throws Exception {
        List<String> products = IntStream.range(0, productCount)
                .mapToObj(i -> product(orders + 10, "1.00"))
                .toList();
        String batch = "bench-" + UUID.randomUUID() + "-";
        try (var consumer = outcomeConsumer();
                var producer = producer()) {
            Timer step = meters.timer("inventory.saga.step", "step", "reserve");
            long stepsBefore = step.count();
            double stepMillisBefore = step.totalTime(TimeUnit.MILLISECONDS);
            long start = System.nanoTime();
            for (int i = 0; i < orders; i++) {
                String order = batch + i;
                producer.send(new ProducerRecord<>(
                        Topics.CUSTOMER_EVENTS,
                        order,
                        customerValidated(order, line(products.get(i % productCount), 1))));
            }
            producer.flush();
            long published = System.nanoTime();
            Map<String, Integer> outcomes = new HashMap<>();
            int seen = 0;
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (seen < orders && System.nanoTime() < deadline) {
                for (var record : consumer.poll(Duration.ofMillis(50))) {
                    if (record.key() != null && record.key().startsWith(batch)) {
                        seen++;
                        outcomes.merge(JSON.readTree(record.value()).get("type").asString(), 1, Integer::sum);
                    }
                }
            }
            long done = System.nanoTime();
            assertThat(seen).as("outcomes of " + name).isEqualTo(orders);
            assertThat(outcomes).containsOnlyKeys("StockReserved");
            double meanStep = (step.totalTime(TimeUnit.MILLISECONDS) - stepMillisBefore) / (step.count() - stepsBefore);
            return new Result(name, orders, (published - start) / 1e9, (done - start) / 1e9, meanStep, outcomes);
        }
    }

    private KafkaConsumer<String, String> outcomeConsumer() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        var consumer = new KafkaConsumer<String, String>(props);
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.INVENTORY_EVENTS).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }

    private KafkaProducer<String, String> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        return new KafkaProducer<>(props);
    }

    private int partitions() {
        try (var consumer = outcomeConsumer()) {
            return consumer.partitionsFor(Topics.CUSTOMER_EVENTS).size();
        }
    }

    private static String loadAverage() {
        return String.format(
                "%.2f",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                        .getSystemLoadAverage());
    }
}
