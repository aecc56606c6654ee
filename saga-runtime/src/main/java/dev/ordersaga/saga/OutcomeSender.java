package dev.ordersaga.saga;

import dev.ordersaga.events.Event;
import dev.ordersaga.support.tracing.SagaTracing;
import io.micrometer.observation.Observation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Sends a batch's outcomes without waiting, each in the span of the record that caused it (the send
 * continues its trace), then waits once for every acknowledgement. A missing acknowledgement is an
 * outage ({@link EventPublisher.EventPublishingException}).
 */
final class OutcomeSender {

    /**
     * An event to send, with the observation of the record that caused it and that record's {@link
     * dev.ordersaga.events.EventHeaders#REPLY_TO} (null if none): the gateway instance waiting for the
     * order, carried on from step to step up to order-service's replies.
     */
    record Outcome(Observation cause, String orderId, Event event, byte[] replyTo) {}

    private final KafkaTemplate<Object, Object> template;
    private final Duration sendTimeout;
    private final SagaTracing tracing;

    OutcomeSender(KafkaTemplate<Object, Object> template, Duration sendTimeout, SagaTracing tracing) {
        this.template = template;
        this.sendTimeout = sendTimeout;
        this.tracing = tracing;
    }

    void sendAll(Collection<List<Outcome>> outcomes) {
        List<CompletableFuture<?>> sent = new ArrayList<>();
        for (List<Outcome> ofKey : outcomes) {
            for (Outcome outcome : ofKey) {
                sent.add(tracing.inScope(
                        outcome.cause(),
                        outcome.orderId(),
                        () -> template.send(EventPublisher.record(outcome.event(), outcome.replyTo()))));
            }
        }
        if (sent.isEmpty()) {
            return;
        }
        EventPublisher.await(
                CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)),
                sendTimeout,
                "outcomes not acknowledged by the broker");
    }
}
