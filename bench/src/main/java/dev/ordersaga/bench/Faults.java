package dev.ordersaga.bench;

import dev.ordersaga.events.Topics;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Things that go wrong in production, done on purpose during a run: a process killed with
 * SIGKILL and restarted, poison records, redelivered events. Processes are found through the
 * local stack's pid files and restarted with its own command.
 */
public class Faults {

    private final String bootstrap;
    private final Path pidDir;
    private final String restartCommand;
    private final PrintStream log;

    public Faults(String bootstrap, Path pidDir, String restartCommand, PrintStream log) {
        this.bootstrap = bootstrap;
        this.pidDir = pidDir;
        this.restartCommand = restartCommand;
        this.log = log;
    }

    /** SIGKILLs the process of {@code service} (as named by its pid file), waits, restarts it. */
    public void killAndRestart(String service, Duration pause) throws Exception {
        Path pidFile = pidDir.resolve(pidFileName(service));
        long pid = pidOf(Files.readString(pidFile));
        ProcessHandle process = ProcessHandle.of(pid)
                .orElseThrow(() -> new IllegalStateException(service + " (pid " + pid + ") is not running"));
        log.printf("%n  fault: SIGKILL %s (pid %d)%n", service, pid);
        new ProcessBuilder("kill", "-9", Long.toString(pid)).inheritIO().start().waitFor();
        process.onExit().get(10, TimeUnit.SECONDS);
        Thread.sleep(pause);
        String command = restartCommand.replace("{service}", service);
        log.printf("%n  fault: restarting %s: %s%n", service, command);
        Process restart = new ProcessBuilder("bash", "-c", command)
                .redirectErrorStream(true)
                .start();
        restart.getInputStream().transferTo(OutputStreamSink.NULL);
        if (restart.waitFor() != 0) {
            throw new IllegalStateException("restart of " + service + " failed: " + command);
        }
    }

    /**
     * The local stack's pid file of a service or of one instance: {@code order-service.pid}, and
     * {@code order-service-1.pid} for {@code order-service#1} (instance 0 is the plain name).
     */
    static String pidFileName(String service) {
        int hash = service.indexOf('#');
        if (hash < 0) {
            return service + ".pid";
        }
        int index = Integer.parseInt(service.substring(hash + 1).trim());
        String name = service.substring(0, hash);
        return index == 0 ? name + ".pid" : name + "-" + index + ".pid";
    }

    /** The stack's pid files are properties ({@code pid=1234}); a bare number is read too. */
    static long pidOf(String pidFile) {
        for (String line : pidFile.split("\\R")) {
            String trimmed = line.trim();
            if (trimmed.startsWith("pid=")) {
                return Long.parseLong(trimmed.substring(4).trim());
            }
            if (trimmed.matches("\\d+")) {
                return Long.parseLong(trimmed);
            }
        }
        throw new IllegalArgumentException("no pid in the pid file");
    }

    /** Publishes a record that is not JSON onto every saga topic: each must end on its DLT. */
    public int poisonEveryTopic() {
        try (var producer = producer()) {
            for (String topic : Topics.ALL) {
                producer.send(new ProducerRecord<>(
                        topic,
                        ("poison-" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8),
                        "{this is not an event".getBytes(StandardCharsets.UTF_8)));
            }
            producer.flush();
        }
        log.printf("%n  fault: poison record published on %d topics%n", Topics.ALL.size());
        return Topics.ALL.size();
    }

    /** Re-publishes the last {@code perPartition} records of every saga topic, as a redelivery would. */
    public int duplicateRecentEvents(int perPartition) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<byte[], byte[]>> slice = new ArrayList<>();
        try (var consumer = new KafkaConsumer<byte[], byte[]>(props)) {
            for (String topic : Topics.ALL) {
                var partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                        .map(p -> new TopicPartition(topic, p.partition()))
                        .toList();
                consumer.assign(partitions);
                Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
                partitions.forEach(p -> consumer.seek(p, Math.max(0, end.get(p) - perPartition)));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
                        && System.nanoTime() < deadline) {
                    consumer.poll(Duration.ofMillis(100)).forEach(r -> {
                        if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
                            slice.add(r);
                        }
                    });
                }
            }
        }
        try (var producer = producer()) {
            for (ConsumerRecord<byte[], byte[]> record : slice) {
                producer.send(
                        new ProducerRecord<>(record.topic(), null, record.key(), record.value(), record.headers()));
            }
            producer.flush();
        }
        log.printf("%n  fault: %d recent events published again%n", slice.size());
        return slice.size();
    }

    private KafkaProducer<byte[], byte[]> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(props);
    }

    /** Discards a child process's output. */
    private static final class OutputStreamSink {
        static final java.io.OutputStream NULL = java.io.OutputStream.nullOutputStream();
    }
}
