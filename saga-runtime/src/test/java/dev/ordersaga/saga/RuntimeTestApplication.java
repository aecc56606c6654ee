package dev.ordersaga.saga;

import dev.ordersaga.events.CustomerEvent;
import dev.ordersaga.events.CustomerRejected;
import dev.ordersaga.events.CustomerValidated;
import dev.ordersaga.events.Event;
import dev.ordersaga.events.EventIds;
import dev.ordersaga.events.OrderConfirmed;
import dev.ordersaga.events.OrderLine;
import dev.ordersaga.events.PaymentEvent;
import dev.ordersaga.events.ReasonCode;
import dev.ordersaga.events.StockCommitted;
import dev.ordersaga.events.Topics;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** A minimal service built only from the runtime's plumbing, to test it as a service would use it. */
@SpringBootApplication
public class RuntimeTestApplication {

    /** Consumes customer-events like a participant would; fails on purpose for one order id. */
    @Component
    public static class RecordingListener {
        final List<CustomerEvent> received = new CopyOnWriteArrayList<>();
        /** Whether each event was handled on a virtual thread. */
        final List<Boolean> onVirtualThread = new CopyOnWriteArrayList<>();

        private final EventPublisher publisher;

        RecordingListener(EventPublisher publisher) {
            this.publisher = publisher;
        }

        @KafkaListener(topics = Topics.CUSTOMER_EVENTS, groupId = "support-test")
        void on(CustomerEvent event) {
            if ("always-fails".equals(event.orderId())) {
                throw new IllegalStateException("this listener cannot handle " + event.orderId());
            }
            onVirtualThread.add(Thread.currentThread().isVirtual());
            received.add(event);
            if (event instanceof CustomerValidated validated
                    && validated.orderId().startsWith("echo-")) {
                publisher.publish(new CustomerRejected(
                        EventIds.causedBy(validated.eventId(), CustomerRejected.class),
                        "reply-" + validated.orderId(),
                        Instant.now(),
                        validated.correlationId(),
                        validated.customerId(),
                        ReasonCode.CUSTOMER_INACTIVE,
                        null));
            }
        }
    }

    /** A consumer of payment-events built from the current events-schema (PaymentRefunded 1.1). */
    @Component
    public static class PaymentEventsListener {
        final List<PaymentEvent> received = new CopyOnWriteArrayList<>();

        @KafkaListener(topics = Topics.PAYMENT_EVENTS, groupId = "support-test-payments")
        void on(PaymentEvent event) {
            received.add(event);
        }
    }

    /**
     * A saga participant of order-events that acts on {@code OrderConfirmed} only (it answers with a
     * {@code StockCommitted}); its listener names it, so its consumer reads no other type.
     */
    @Component
    public static class ConfirmationsOnly implements SagaParticipant<String> {
        static final String NAME = "confirmations-only";
        final List<Event> applied = new CopyOnWriteArrayList<>();
        private final Map<String, String> stored = new ConcurrentHashMap<>();

        @Override
        public Set<Class<? extends Event>> handledTypes() {
            return Set.of(OrderConfirmed.class);
        }

        @Override
        public Map<String, String> load(Map<String, List<Event>> eventsByKey) {
            Map<String, String> found = new java.util.HashMap<>();
            eventsByKey.keySet().stream().filter(stored::containsKey).forEach(k -> found.put(k, stored.get(k)));
            return found;
        }

        @Override
        public SagaStep<String> apply(Event event, String state) {
            applied.add(event);
            OrderConfirmed confirmed = (OrderConfirmed) event;
            return SagaStep.changed(
                    "committed",
                    List.of(new StockCommitted(
                            EventIds.causedBy(confirmed.eventId(), StockCommitted.class),
                            confirmed.orderId(),
                            confirmed.occurredAt(),
                            confirmed.correlationId(),
                            List.of(new OrderLine("6849dd2a5b6717b8055f93a9", 1)))));
        }

        @Override
        public Set<String> store(Map<String, String> changed) {
            stored.putAll(changed);
            return Set.of();
        }
    }

    @Component
    static class ConfirmationsListener {
        private final SagaRuntime<String> runtime;

        ConfirmationsListener(SagaRuntimes runtimes, ConfirmationsOnly participant) {
            this.runtime = runtimes.of(ConfirmationsOnly.NAME, participant);
        }

        @KafkaListener(
                id = "confirmations-saga",
                groupId = "support-test-confirmations",
                batch = "true",
                topics = Topics.ORDER_EVENTS,
                properties = SagaRuntimes.PARTICIPANT + "=" + ConfirmationsOnly.NAME)
        void on(List<ConsumerRecord<String, Event>> batch) {
            runtime.process(batch);
        }
    }
}
