package dev.ordersaga.systemtests;

import dev.ordersaga.events.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A valid event its consumer gave up on, written to {@code order-events.DLT} the way Spring's
 * dead-letter publisher writes it: an {@code OrderCancelled} of an order nobody knows, harmless for
 * every consumer when re-driven (nothing held, nothing charged).
 */
final class DeadLettered {

    private DeadLettered() {}

    /** Writes it and returns its JSON, as a re-drive must publish it again. */
    static String orderCancelled(String bootstrap, String orderId, String error)
            throws InterruptedException, ExecutionException {
        String json = """
                {"type":"OrderCancelled","event_id":"%s","order_id":"%s","occurred_at":"%s",\
                "correlation_id":"c-dlt","reason":"SAGA_TIMEOUT","detail":"dead-letter test"}""".formatted(UUID.randomUUID(), orderId, Instant.now());
        try (var producer = new KafkaProducer<String, String>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            var record = new ProducerRecord<>(Topics.deadLetter(Topics.ORDER_EVENTS), orderId, json);
            record.headers()
                    .add("event_type", bytes("OrderCancelled"))
                    .add("kafka_dlt-exception-fqcn", bytes("java.lang.IllegalStateException"))
                    .add("kafka_dlt-exception-message", bytes(error))
                    .add("kafka_dlt-original-topic", bytes(Topics.ORDER_EVENTS));
            producer.send(record).get();
        }
        return json;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
