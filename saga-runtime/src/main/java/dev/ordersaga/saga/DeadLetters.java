package dev.ordersaga.saga;

import dev.ordersaga.events.Event;
import dev.ordersaga.events.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.support.serializer.DeserializationException;

/** Sends a participant's records to {@code <topic>.DLT}, counted per participant and topic, and tells what cannot be read. */
final class DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(SagaRuntime.class);

    private final String name;
    private final DeadLetterPublishingRecoverer recoverer;
    private final MeterRegistry meters;

    DeadLetters(String name, DeadLetterPublishingRecoverer recoverer, MeterRegistry meters) {
        this.name = name;
        this.recoverer = recoverer;
        this.meters = meters;
    }

    /**
     * Dead-letters a record nobody can handle (unreadable, no key or no value) and returns true, or
     * returns false for a record to handle.
     */
    boolean refuse(ConsumerRecord<String, Event> record) {
        DeserializationException unreadable = EventDeserializer.failureOf(record);
        if (unreadable == null && record.value() != null && record.key() != null) {
            return false;
        }
        send(record, unreadable != null ? unreadable : new IllegalArgumentException("no key or no value"));
        return true;
    }

    void send(ConsumerRecord<String, Event> record, Exception cause) {
        meters.counter("saga.runtime.dead.lettered", "participant", name, "topic", record.topic())
                .increment();
        log.error("{}: {} goes to {}: {}", name, describe(record), Topics.deadLetter(record.topic()), cause.toString());
        recoverer.accept(record, cause);
    }

    static String describe(ConsumerRecord<?, ?> record) {
        return record == null
                ? "a record"
                : record.topic() + "-" + record.partition() + "@" + record.offset() + " (key " + record.key() + ")";
    }
}
