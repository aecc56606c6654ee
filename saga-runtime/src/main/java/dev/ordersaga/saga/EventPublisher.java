package dev.ordersaga.saga;

import dev.ordersaga.events.Event;
import dev.ordersaga.events.EventHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

/**
 * Publishes events on their topic, keyed by order id (or user id), with the type, schema version and
 * correlation headers; the template's observation adds the trace context of the current span
 * ({@code traceparent}, {@code baggage}). {@link #publish} waits for the broker's acknowledgement: a listener that
 * publishes and returns has its outcome durable before its offset is committed, so a crash in
 * between makes the cause come again rather than lose the outcome.
 */
public class EventPublisher {

    private final KafkaTemplate<Object, Object> template;
    private final KafkaSettings settings;

    public EventPublisher(KafkaTemplate<Object, Object> template, KafkaSettings settings) {
        this.template = template;
        this.settings = settings;
    }

    /** Publishes and waits until the broker has the event (acks=all). */
    public void publish(Event event) {
        await(publishAsync(event));
    }

    /** Publishes all, in order, and waits until the broker has every one. */
    public void publishAll(List<? extends Event> events) {
        var sent = events.stream().map(this::publishAsync).toList();
        sent.forEach(this::await);
    }

    /** Publishes without waiting; for callers that do not commit anything after it (e.g. the gateway). */
    public CompletableFuture<SendResult<Object, Object>> publishAsync(Event event) {
        return template.send(record(event, null));
    }

    /**
     * Publishes without waiting, with a {@link EventHeaders#REPLY_TO} header: the gateway instance that
     * waits for the order (every step copies it onto what it causes, up to the order's replies).
     */
    public CompletableFuture<SendResult<Object, Object>> publishAsync(Event event, String replyTo) {
        return template.send(record(event, replyTo == null ? null : bytes(replyTo)));
    }

    /** The event's record with its headers; {@code replyTo} (may be null) as it came on the cause. */
    static ProducerRecord<Object, Object> record(Event event, byte[] replyTo) {
        var record = new ProducerRecord<Object, Object>(event.topic(), event.key(), event);
        record.headers()
                .add(EventHeaders.TYPE, bytes(event.type()))
                .add(EventHeaders.SCHEMA_VERSION, bytes(event.schemaVersion()))
                .add(EventHeaders.CORRELATION_ID, bytes(event.correlationId()));
        if (replyTo != null) {
            record.headers().add(EventHeaders.REPLY_TO, replyTo);
        }
        return record;
    }

    private void await(CompletableFuture<?> sent) {
        await(sent, settings.sendTimeout(), "event not acknowledged by the broker");
    }

    /** Waits for sends (one, or all of them with {@code allOf}); a missing acknowledgement is an outage. */
    static void await(CompletableFuture<?> sent, Duration timeout, String failure) {
        try {
            sent.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventPublishingException("interrupted while publishing", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new EventPublishingException(failure, e);
        }
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    /** The broker did not take an event; the caller's unit of work must fail and be retried. */
    public static class EventPublishingException extends RuntimeException {
        EventPublishingException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
