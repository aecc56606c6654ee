package dev.ordersaga.bench;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The physical floor: one message through as many Kafka hops as a create_order takes (gateway →
 * customer → inventory → payment → order → gateway: 5 topics), with the same client settings
 * as the services (acks=all, idempotence, linger 0, each hop waits for its send to be
 * acknowledged) but no business logic and no database. Our latency is reported next to this.
 */
public class KafkaRelay {

    public static final int HOPS = 5;
    private static final int PAYLOAD_BYTES = 400;

    public record Result(double rate, long sent, long received, LatencySummary latency) {}

    private final String bootstrap;

    public KafkaRelay(String bootstrap) {
        this.bootstrap = bootstrap;
    }

    public Result run(double rate, Duration duration) throws Exception {
        String run = Long.toString(System.currentTimeMillis(), 36);
        List<String> topics = new ArrayList<>();
        for (int hop = 1; hop <= HOPS; hop++) {
            topics.add("bench.relay." + run + "." + hop);
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(topics.stream()
                            .map(t -> new NewTopic(t, 6, (short) 1))
                            .toList())
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
        Histogram histogram = LatencySummary.newHistogram();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong received = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        CountDownLatch assigned = new CountDownLatch(HOPS);
        for (int hop = 0; hop < HOPS; hop++) {
            String from = topics.get(hop);
            String to = hop + 1 < HOPS ? topics.get(hop + 1) : null;
            threads.add(
                    Thread.ofPlatform().daemon().start(() -> relay(from, to, running, assigned, histogram, received)));
        }
        if (!assigned.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("relay consumers not ready");
        }
        long sent = 0;
        try (var producer = new KafkaProducer<String, byte[]>(producerProps())) {
            long interval = (long) (1_000_000_000L / rate);
            long start = System.nanoTime();
            long end = start + duration.toNanos();
            for (long i = 0; ; i++) {
                long due = start + i * interval;
                if (due >= end) {
                    break;
                }
                long wait;
                while ((wait = due - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
                byte[] payload = new byte[PAYLOAD_BYTES];
                ByteBuffer.wrap(payload).putLong(due);
                producer.send(new ProducerRecord<>(topics.getFirst(), "order-" + i, payload));
                sent++;
            }
            producer.flush();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (received.get() < sent && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
        running.set(false);
        for (Thread thread : threads) {
            thread.join(5000);
        }
        synchronized (histogram) {
            return new Result(rate, sent, received.get(), LatencySummary.of(histogram));
        }
    }

    private void relay(
            String from,
            String to,
            AtomicBoolean running,
            CountDownLatch assigned,
            Histogram histogram,
            AtomicLong received) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (var consumer = new KafkaConsumer<String, byte[]>(props);
                var producer = to == null ? null : new KafkaProducer<String, byte[]>(producerProps())) {
            var partitions = consumer.partitionsFor(from, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(from, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            assigned.countDown();
            while (running.get()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    if (producer != null) {
                        try {
                            producer.send(new ProducerRecord<>(to, record.key(), record.value()))
                                    .get();
                        } catch (Exception e) {
                            throw new IllegalStateException("relay hop failed", e);
                        }
                    } else {
                        long micros = Math.max(
                                1,
                                (System.nanoTime()
                                                - ByteBuffer.wrap(record.value())
                                                        .getLong())
                                        / 1000);
                        synchronized (histogram) {
                            histogram.recordValue(Math.min(micros, histogram.getHighestTrackableValue()));
                        }
                        received.incrementAndGet();
                    }
                }
            }
        }
    }

    private Properties producerProps() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        return props;
    }
}
